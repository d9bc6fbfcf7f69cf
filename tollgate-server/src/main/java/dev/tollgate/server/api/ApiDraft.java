package dev.tollgate.server.api;

import java.util.List;

import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.EndpointSettings;

/**
 * What a publisher submits to create or update an API, before validation. Fields may be null or blank here; the
 * {@link ApiService} says which are wrong; a null {@code cors} means no origin allow-list, a null frame or message
 * size the gateway's default.
 */
public record ApiDraft(
        String name,
        String context,
        String version,
        String description,
        String endpointUrl,
        EndpointSettings endpointSettings,
        List<String> policies,
        String apiPolicy,
        CorsConfiguration cors,
        Integer maxFrameSize,
        Integer maxMessageSize) {

    /** A draft with the gateway's frame and message limits. */
    public ApiDraft(String name, String context, String version, String description, String endpointUrl,
            EndpointSettings endpointSettings, List<String> policies, String apiPolicy, CorsConfiguration cors) {
        this(name, context, version, description, endpointUrl, endpointSettings, policies, apiPolicy, cors, null,
                null);
    }

    /** A draft without an origin allow-list. */
    public ApiDraft(String name, String context, String version, String description, String endpointUrl,
            EndpointSettings endpointSettings, List<String> policies, String apiPolicy) {
        this(name, context, version, description, endpointUrl, endpointSettings, policies, apiPolicy, null);
    }
}
