package dev.tollgate.server.api;

import java.util.List;
import java.util.stream.Collectors;

import dev.tollgate.model.LifecycleAction;
import dev.tollgate.model.LifecycleState;
import dev.tollgate.server.system.Actor;
import dev.tollgate.server.system.ApiException;
import dev.tollgate.server.user.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves APIs through WSO2's lifecycle; only publishers may, and an API is published only when it is complete. */
@Service
public class LifecycleService {

    private final ApiService apis;
    private final LifecycleHistoryRepository history;

    LifecycleService(ApiService apis, LifecycleHistoryRepository history) {
        this.apis = apis;
        this.history = history;
    }

    @Transactional
    public Api change(String apiId, String actionText, Actor actor) {
        actor.require("change the lifecycle of APIs", Role.PUBLISHER);
        Api api = apis.get(apiId);
        LifecycleAction action = LifecycleAction.parse(actionText).orElseThrow(() -> ApiException.badRequest(
                "action: \"" + actionText + "\" (expected one of: " + allowed(api.state()) + ")"));
        LifecycleState next = api.state().after(action).orElseThrow(() -> ApiException.badRequest(
                "action: \"" + action.displayName() + "\" is not allowed in state " + api.state().displayName()
                        + " (expected one of: " + allowed(api.state()) + ")"));
        if (next.isRouted()) {
            apis.requirePublishable(api);
        }
        return apis.saveState(api, next, action.displayName(), actor);
    }

    /** CREATE & PUBLISH: one transaction, so a refused publish leaves no half-made API behind. */
    @Transactional
    public Api createAndPublish(ApiDraft draft, Actor actor) {
        actor.require("publish APIs", Role.PUBLISHER);
        Api created = apis.create(draft, actor);
        return change(created.id(), LifecycleAction.PUBLISH.displayName(), actor);
    }

    public List<LifecycleHistoryRepository.Entry> history(String apiId) {
        apis.get(apiId);
        return history.find(apiId);
    }

    private static String allowed(LifecycleState state) {
        List<LifecycleAction> actions = state.allowedActions();
        return actions.isEmpty() ? "none, " + state.displayName() + " is final"
                : actions.stream().map(LifecycleAction::displayName).collect(Collectors.joining(", "));
    }
}
