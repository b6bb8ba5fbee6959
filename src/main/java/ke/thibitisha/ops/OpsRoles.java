package ke.thibitisha.ops;

/** The two operations roles (contract §5): {@code ops} may do everything, {@code ops-viewer} only read. */
final class OpsRoles {

    static final String OPS = "ops";
    static final String VIEWER = "ops-viewer";

    private OpsRoles() {
    }
}
