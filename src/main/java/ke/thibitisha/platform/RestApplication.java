package ke.thibitisha.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All HTTP endpoints live under {@code /thibitisha/api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
