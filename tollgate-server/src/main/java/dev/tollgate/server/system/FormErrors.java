package dev.tollgate.server.system;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Places a service's refusal beside the form field it names. Services describe bad input as
 * {@code field: "value" (expected: ...)}; the prefix before the colon tells which field. Refusals that name no field
 * of the form (a conflict, a missing role) go to the top of the form under {@link #GLOBAL}.
 */
public final class FormErrors {

    public static final String GLOBAL = "global";

    private FormErrors() {
    }

    /**
     * @param fields the service's field names (or prefixes such as {@code endpointConfig.production_endpoints.url})
     *     mapped to the names of the form's inputs
     * @return one entry: the form input's name, or {@link #GLOBAL}, to the description
     */
    public static Map<String, String> of(ApiException refusal, Map<String, String> fields) {
        String description = refusal.getMessage();
        int colon = description.indexOf(':');
        String prefix = colon < 0 ? "" : description.substring(0, colon);
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(fields.getOrDefault(prefix, GLOBAL), description);
        return errors;
    }
}
