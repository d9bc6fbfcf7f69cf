package dev.tollgate.server.api;

import java.util.List;

import dev.tollgate.model.EndpointSettings;

/**
 * The fields of the publisher's "Design a New WebSocket API" form, as submitted, so that a refused form is shown
 * again with what the user typed.
 */
record ApiForm(String name, String context, String version, String description, String endpoint,
        List<String> policies, String apiPolicy) {

    ApiForm {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    static ApiForm empty() {
        return new ApiForm("", "", "", "", "", List.of(), "");
    }

    static ApiForm of(Api api) {
        return new ApiForm(api.name(), api.context(), api.version(), api.description(),
                api.endpointUrl().orElse(""), api.policies(), api.apiPolicy() == null ? "" : api.apiPolicy());
    }

    /** A new API's draft: the form's fields, default endpoint settings, no origin list, the gateway's limits. */
    ApiDraft toNewDraft() {
        return new ApiDraft(name, context, version, description, endpoint, null, policies, apiPolicy);
    }

    /**
     * An edit of {@code current}: the form's fields with {@code settings}, and what the form does not show (the
     * origin allow-list, frame and message limits) kept as stored, so that saving the form never clears them.
     */
    ApiDraft toDraft(Api current, EndpointSettings settings) {
        return new ApiDraft(name, context, version, description, endpoint, settings, policies, apiPolicy,
                current.cors(), current.maxFrameSize(), current.maxMessageSize());
    }
}
