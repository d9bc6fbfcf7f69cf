package dev.tollgate.server.api;

import java.util.List;

import dev.tollgate.model.EndpointSettings;

/**
 * What a publisher submits to create or update an API, before validation. Fields may be null or blank here; the
 * {@link ApiService} says which are wrong.
 */
public record ApiDraft(
        String name,
        String context,
        String version,
        String description,
        String endpointUrl,
        EndpointSettings endpointSettings,
        List<String> policies,
        String apiPolicy) {
}
