package dev.tollgate.server.system;

import org.springframework.http.HttpStatus;

/**
 * The one JSON error shape of every REST API, as WSO2's {@code ErrorDTO}: {@code code} (the HTTP status),
 * {@code message} (its reason phrase) and {@code description} (what was wrong and what was expected).
 */
public record ApiError(int code, String message, String description) {

    public static ApiError of(HttpStatus status, String description) {
        return new ApiError(status.value(), status.getReasonPhrase(), description);
    }
}
