package ke.thibitisha.it;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Every JAX-RS resource method of the WAR under test, found by reading its classes (not from a list someone must
 * remember to extend): what a new resource adds is checked by the operator-access tests automatically.
 */
final class Routes {

    /** Called by Daraja and Sautikit, without operator credentials; everything else is an operator path. */
    static final List<String> PUBLIC_PREFIXES = List.of("/api/daraja/", "/api/sautikit/");

    record Route(String httpMethod, String template, Method javaMethod) {

        /** The path relative to the context root with every {parameter} filled in. */
        String path() {
            return template.replaceAll("\\{[^}]+}", "1");
        }

        boolean isPublic() {
            return PUBLIC_PREFIXES.stream().anyMatch(template::startsWith);
        }

        boolean isRead() {
            return HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod);
        }

        /** @RolesAllowed of the method, else of its class; empty when there is none. */
        Set<String> rolesAllowed() {
            RolesAllowed roles = javaMethod.isAnnotationPresent(RolesAllowed.class)
                    ? javaMethod.getAnnotation(RolesAllowed.class)
                    : javaMethod.getDeclaringClass().getAnnotation(RolesAllowed.class);
            boolean open = javaMethod.isAnnotationPresent(PermitAll.class) || javaMethod.isAnnotationPresent(DenyAll.class);
            return roles == null || open ? Set.of() : Set.of(roles.value());
        }

        @Override
        public String toString() {
            return httpMethod + " " + template + " (" + javaMethod.getDeclaringClass().getSimpleName() + "."
                    + javaMethod.getName() + ")";
        }
    }

    private Routes() {
    }

    static List<Route> of(WebArchive war) {
        List<Class<?>> classes = war.getContent().keySet().stream()
                .map(p -> p.get())
                .filter(p -> p.startsWith("/WEB-INF/classes/") && p.endsWith(".class"))
                .map(p -> p.substring("/WEB-INF/classes/".length(), p.length() - ".class".length()).replace('/', '.'))
                .map(Routes::load)
                .toList();
        String root = classes.stream().filter(c -> c.isAnnotationPresent(ApplicationPath.class))
                .map(c -> c.getAnnotation(ApplicationPath.class).value()).findFirst()
                .orElseThrow(() -> new AssertionError("no @ApplicationPath class in the WAR"));
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : classes) {
            // interfaces with @Path are REST clients (Sautikit's API), not resources
            if (!resource.isAnnotationPresent(Path.class) || resource.isInterface()
                    || Modifier.isAbstract(resource.getModifiers())) {
                continue;
            }
            String base = join(root, resource.getAnnotation(Path.class).value());
            for (Method m : resource.getMethods()) {
                String verb = httpMethod(m);
                if (verb == null) {
                    if (m.isAnnotationPresent(Path.class)) {
                        throw new AssertionError("sub-resource locator " + m + ": extend Routes to follow it");
                    }
                    continue;
                }
                String template = m.isAnnotationPresent(Path.class) ? join(base, m.getAnnotation(Path.class).value()) : base;
                routes.add(new Route(verb, template, m));
            }
        }
        routes.sort(Comparator.comparing(Route::template).thenComparing(Route::httpMethod));
        return routes;
    }

    private static String httpMethod(Method m) {
        return Arrays.stream(m.getAnnotations()).map(Annotation::annotationType)
                .filter(t -> t.isAnnotationPresent(HttpMethod.class))
                .map(t -> t.getAnnotation(HttpMethod.class).value()).findFirst().orElse(null);
    }

    private static String join(String a, String b) {
        String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Routes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + name + " from the WAR", e);
        }
    }
}
