package ke.thibitisha.it;

import jakarta.json.JsonObject;
import ke.thibitisha.it.Routes.Route;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §5, operator access: every JAX-RS resource method of the deployed WAR that is not a vendor callback
 * answers 401 to a caller without credentials in every spelling of its path, 403 to a user without an operator
 * role, and to {@code ops-viewer} everything but reads; viewers see numbers masked and no raw body.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperatorAccessIT {

    static final String VIEWER = "it-ops-viewer:it-ops-viewer-Passw0rd!";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.thibitisha();
    }

    private static List<Route> opsRoutes() {
        return Routes.of(Deployments.thibitisha()).stream().filter(r -> !r.isPublic()).toList();
    }

    /** The same resource, asked for in the ways a servlet container and JAX-RS may both accept. */
    static Map<String, String> spellings(String path) {
        String rest = path.substring("/api/".length());
        Map<String, String> s = new LinkedHashMap<>();
        s.put("plain", path);
        s.put("trailing slash", path + "/");
        s.put("matrix parameter", path + ";x=1");
        s.put("matrix parameter after a slash", path + "/;x=1");
        s.put("matrix parameter on /api", "/api;x=1/" + rest);
        s.put("leading double slash", "/" + path);
        s.put("double slash inside", "/api//" + rest);
        s.put("dot segment", "/api/./" + rest);
        s.put("percent-encoded letter", path.substring(0, path.length() - 1) + "%" + Integer.toHexString(path.charAt(path.length() - 1)));
        return s;
    }

    @Test
    void theScanFindsTheContractsOperationsAndLeavesOnlyVendorCallbacksPublic() {
        List<String> found = Routes.of(Deployments.thibitisha()).stream().map(r -> r.httpMethod() + " " + r.template()).toList();
        assertTrue(found.containsAll(List.of("GET /api/payments", "GET /api/payments/{id}", "POST /api/payments/{id}/redial",
                "GET /api/stats", "PUT /api/customers/{accountRef}", "POST /api/customers", "GET /api/audit",
                "POST /api/daraja/{shortcode}/{token}/stk")), found.toString());
        for (Route r : Routes.of(Deployments.thibitisha())) {
            if (r.isPublic()) {
                // their own 401 (a bad event signature) is fine; the container's BASIC challenge is not
                HttpResponse<String> answer = App.as(null, r.httpMethod(), r.path(), "application/json", "{}");
                assertTrue(answer.headers().firstValue("WWW-Authenticate").isEmpty() && answer.statusCode() != 403,
                        "vendor callback " + r + " wants operator credentials: " + answer.statusCode());
            }
        }
    }

    @Test
    void everyOperationsMethodCarriesRolesAllowedAndOnlyOpsMayAct() {
        for (Route r : opsRoutes()) {
            Set<String> roles = r.rolesAllowed();
            assertFalse(roles.isEmpty(), r + " has no @RolesAllowed");
            assertTrue(Set.of("ops", "ops-viewer").containsAll(roles), r + " allows " + roles);
            if (!r.isRead()) {
                assertEquals(Set.of("ops"), roles, r + " changes something: role ops only");
            }
        }
    }

    @Test
    void noSpellingOfAnOperationsPathAnswersWithoutCredentials() {
        List<String> open = new ArrayList<>();
        for (Route r : opsRoutes()) {
            for (Map.Entry<String, String> spelling : spellings(r.path()).entrySet()) {
                expect401(open, r.httpMethod(), spelling.getValue(), r + ", " + spelling.getKey());
            }
            for (String method : List.of("HEAD", "OPTIONS")) {
                expect401(open, method, r.path(), r + ", " + method);
                expect401(open, method, r.path() + "/", r + ", " + method + " with a trailing slash");
            }
        }
        assertEquals(List.of(), open, "answered without a 401 to a caller without credentials");
    }

    private static void expect401(List<String> open, String method, String path, String what) {
        HttpResponse<String> answer = App.as(null, method, path, "application/json", "{}");
        if (answer.statusCode() != 401) {
            open.add(what + " " + path + " -> " + answer.statusCode());
        }
    }

    @Test
    void aUserWithoutAnOperatorRoleIsForbiddenEverywhere() {
        for (Route r : opsRoutes()) {
            for (String path : List.of(r.path(), r.path() + "/", r.path() + ";x=1")) {
                assertEquals(403, App.as(App.OTHER_USER, r.httpMethod(), path, "application/json", "{}").statusCode(),
                        "it-viewer (group viewers, no role) on " + r + " as " + path);
            }
        }
    }

    @Test
    void aViewerMayReadButNotAct() {
        for (Route r : opsRoutes()) {
            int status = App.as(VIEWER, r.httpMethod(), r.path(), "application/json", "{}").statusCode();
            if (r.rolesAllowed().contains("ops-viewer")) {
                assertTrue(status != 401 && status != 403, "ops-viewer may read " + r + " (got " + status + ")");
                assertTrue(r.isRead(), r + " lets a viewer change something");
            } else {
                assertEquals(403, status, "ops-viewer on " + r);
            }
        }
        assertEquals(403, App.as(VIEWER, "GET", "/api/audit", null, null).statusCode(), "the audit trail is for ops");
        assertEquals(403, App.as(VIEWER, "OPTIONS", "/api/payments", null, null).statusCode());
        assertEquals(200, App.as(VIEWER, "HEAD", "/api/stats", null, null).statusCode());
    }

    @Test
    void aViewerSeesPhoneNumbersMaskedAndNoRawBody() {
        String msisdn = App.newMsisdn();
        String checkout = App.paidStk(msisdn, 700);
        JsonObject story = App.awaitPayment(checkout, p -> p.containsKey("raw_callback"), Duration.ofSeconds(20));
        String lastNine = msisdn.substring(3);
        long rawId = story.getJsonObject("raw_callback").getJsonNumber("id").longValue();

        HttpResponse<String> payment = App.as(VIEWER, "GET", "/api/payments/" + checkout, null, null);
        assertEquals(200, payment.statusCode());
        assertEquals("+2547****" + msisdn.substring(9), App.json(payment.body()).getString("phone"));
        assertFalse(payment.body().contains(lastNine), payment.body());
        HttpResponse<String> list = App.as(VIEWER, "GET", "/api/payments?limit=500", null, null);
        assertTrue(list.body().contains(checkout) && !list.body().contains(lastNine), "the listing names no number");

        HttpResponse<String> raw = App.as(VIEWER, "GET", "/api/callbacks/" + rawId, null, null);
        assertEquals(200, raw.statusCode());
        JsonObject withheld = App.json(raw.body());
        assertFalse(withheld.containsKey("body"), raw.body());
        assertTrue(withheld.containsKey("body_withheld"), raw.body());
        assertFalse(raw.body().contains(lastNine), raw.body());

        HttpResponse<String> full = App.asOps("GET", "/api/callbacks/" + rawId, null, null);
        assertTrue(App.json(full.body()).getString("body").contains(msisdn), "role ops reads the body: " + full.body());
    }
}
