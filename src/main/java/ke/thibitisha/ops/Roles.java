package ke.thibitisha.ops;

/**
 * The two operator roles (WildFly application-realm groups, {@code add-user.sh -a -g ROLE}).
 * {@code ops} may do everything; {@code ops-viewer} may only read, sees phone numbers masked and never a raw
 * callback body. The same names are in web.xml, which asks for credentials before any of this runs.
 */
public final class Roles {

    public static final String OPS = "ops";
    public static final String VIEWER = "ops-viewer";

    private Roles() {
    }
}
