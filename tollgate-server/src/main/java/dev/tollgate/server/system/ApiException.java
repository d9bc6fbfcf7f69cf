package dev.tollgate.server.system;

import org.springframework.http.HttpStatus;

/**
 * A refusal with an HTTP status and a description a user can act on. Services throw it; the REST layer turns it into
 * the one JSON error shape ({@link ApiError}) and the pages into a message beside the form.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String description) {
        super(description);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiException badRequest(String description) {
        return new ApiException(HttpStatus.BAD_REQUEST, description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(HttpStatus.NOT_FOUND, description);
    }

    public static ApiException conflict(String description) {
        return new ApiException(HttpStatus.CONFLICT, description);
    }

    public static ApiException forbidden(String description) {
        return new ApiException(HttpStatus.FORBIDDEN, description);
    }

    public static ApiException unauthorized(String description) {
        return new ApiException(HttpStatus.UNAUTHORIZED, description);
    }
}
