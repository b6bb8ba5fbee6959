package ke.thibitisha.sim.sautikit;

/** Thrown inside request handling to answer with the error envelope. */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    ApiResponse toResponse() {
        return ApiResponse.error(status, code, getMessage());
    }
}
