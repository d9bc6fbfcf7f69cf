package dev.tollgate.gateway.throttle;

import dev.tollgate.model.RuntimeApi;
import dev.tollgate.model.RuntimeApplication;
import dev.tollgate.model.RuntimeSnapshot;
import dev.tollgate.model.RuntimeSubscription;
import dev.tollgate.model.ThrottlePolicy;
import java.util.Locale;
import java.util.Objects;

/**
 * Whose quota a counter is: a subscription (keyed by subscription id), an application (by application id) or an API
 * (by API id). All connections of one subject share its quota.
 *
 * @param id the subscription, application or API id
 * @param applicationId the application behind a subscription quota; the same as {@code id} for an application
 * @param apiId the API behind a subscription quota; the same as {@code id} for an API
 */
record Subject(Level level, String id, String applicationId, String apiId) {

    /** The three levels of plans, in the order a frame is checked against them. */
    enum Level {
        SUBSCRIPTION,
        APPLICATION,
        API;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Subject {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(id, "id");
    }

    static Subject subscription(RuntimeSubscription subscription) {
        return new Subject(Level.SUBSCRIPTION, subscription.id(), subscription.applicationId(), subscription.apiId());
    }

    static Subject application(String applicationId) {
        return new Subject(Level.APPLICATION, applicationId, applicationId, null);
    }

    static Subject api(String apiId) {
        return new Subject(Level.API, apiId, null, apiId);
    }

    /** The counter's key, locally and in Redis: {@code subscription:<id>}, {@code application:<id>}, {@code api:<id>}. */
    String key() {
        return level.tag() + ':' + id;
    }

    /** Whether the subject still exists in the snapshot. */
    boolean existsIn(RuntimeSnapshot snapshot) {
        return switch (level) {
            case SUBSCRIPTION -> snapshot.subscription(applicationId, apiId).filter(sub -> sub.id().equals(id))
                    .isPresent();
            case APPLICATION -> snapshot.application(id).isPresent();
            case API -> snapshot.apis().containsKey(id);
        };
    }

    /** The subject's plan in the snapshot; {@code null} when it has none or names a plan the snapshot lacks. */
    ThrottlePolicy plan(RuntimeSnapshot snapshot) {
        return switch (level) {
            case SUBSCRIPTION -> snapshot.subscription(applicationId, apiId)
                    .map(RuntimeSubscription::plan).flatMap(snapshot::policy).orElse(null);
            case APPLICATION -> snapshot.application(id)
                    .map(RuntimeApplication::plan).flatMap(snapshot::applicationPolicy).orElse(null);
            case API -> java.util.Optional.ofNullable(snapshot.apis().get(id))
                    .flatMap(RuntimeApi::apiPolicyName).flatMap(snapshot::apiPolicy).orElse(null);
        };
    }
}
