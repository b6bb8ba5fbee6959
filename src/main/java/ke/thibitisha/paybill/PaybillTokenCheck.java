package ke.thibitisha.paybill;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At boot, says at ERROR which paybill cannot take a single callback because it has no token (contract
 * §2 rule 12): its Daraja URLs answer 404 until the key named in the line is set.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaybillTokenCheck {

    private static final Logger LOG = Logger.getLogger(PaybillTokenCheck.class.getName());

    /** JBoss LogManager's ERROR level (the word on-call engineers grep for); plain SEVERE where it is absent. */
    private static final Level ERROR = errorLevel();

    @Inject
    Paybills paybills;

    private static Level errorLevel() {
        try {
            return Level.parse("ERROR");
        } catch (IllegalArgumentException e) {
            return Level.SEVERE;
        }
    }

    @PostConstruct
    void check() {
        for (String shortcode : paybills.withoutToken()) {
            LOG.log(ERROR, () -> "paybill " + shortcode + " has no token: every Daraja request for it answers 404 and"
                    + " nothing is stored. Set " + Paybills.tokenKey(shortcode)
                    + (shortcode.equals("174379") ? " (the default token 'sandbox' works only while SAUTIKIT_API_KEY is unset)" : ""));
        }
    }
}
