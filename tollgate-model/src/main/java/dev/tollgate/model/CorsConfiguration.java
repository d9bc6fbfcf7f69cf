package dev.tollgate.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which web origins may open WebSocket connections to an API (WSO2's {@code corsConfiguration}): browsers send the
 * page's {@code Origin} with every handshake, and an API with the allow-list enabled refuses the others.
 *
 * @param enabled whether the allow-list applies; when off, every origin (and none) is let through
 * @param allowedOrigins {@code scheme://host[:port]} entries, compared case-insensitively, or {@link #ANY_ORIGIN}
 */
public record CorsConfiguration(boolean enabled, List<String> allowedOrigins) {

    /** The entry that allows every origin, and handshakes without one. */
    public static final String ANY_ORIGIN = "*";

    /** No allow-list: the default of every API. */
    public static final CorsConfiguration DISABLED = new CorsConfiguration(false, List.of());

    public CorsConfiguration {
        allowedOrigins = allowedOrigins.stream()
                .map(origin -> Objects.requireNonNull(origin, "allowedOrigins entry").toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * Whether a handshake with this {@code Origin} header ({@code null} when absent) is let through. A missing
     * origin passes only when the list is off or allows {@link #ANY_ORIGIN}: browsers always send one.
     */
    public boolean allows(String origin) {
        if (!enabled || allowedOrigins.contains(ANY_ORIGIN)) {
            return true;
        }
        return origin != null && allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT));
    }
}
