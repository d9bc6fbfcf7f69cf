package dev.tollgate.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The states of WSO2 API Manager's default API lifecycle, with its transitions.
 *
 * <p>{@link #displayName()} is the spelling WSO2's REST APIs use ({@code "Published"}), so that scripts carry over.
 */
public enum LifecycleState {
    CREATED("Created"),
    PROTOTYPED("Prototyped"),
    PUBLISHED("Published"),
    BLOCKED("Blocked"),
    DEPRECATED("Deprecated"),
    RETIRED("Retired");

    private static final Map<LifecycleState, Map<LifecycleAction, LifecycleState>> TRANSITIONS = transitions();

    private final String displayName;

    LifecycleState(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether the gateway serves an API in this state (blocked APIs are routed but refused with 503). */
    public boolean isServed() {
        return this == PUBLISHED || this == DEPRECATED || this == PROTOTYPED;
    }

    /** Whether the gateway knows the route at all: served states plus BLOCKED, which is answered 503. */
    public boolean isRouted() {
        return isServed() || this == BLOCKED;
    }

    /** Whether the developer portal lists an API in this state. */
    public boolean isVisibleInDevPortal() {
        return this == PUBLISHED || this == PROTOTYPED || this == DEPRECATED;
    }

    /** The actions allowed from this state, in the order the publisher portal shows them. */
    public List<LifecycleAction> allowedActions() {
        return List.copyOf(TRANSITIONS.get(this).keySet());
    }

    /** The state an action leads to, or empty when the action is not allowed from this state. */
    public Optional<LifecycleState> after(LifecycleAction action) {
        return Optional.ofNullable(TRANSITIONS.get(this).get(action));
    }

    /** Parses WSO2's spelling ({@code "Published"}) or the enum name, case-insensitively. */
    public static Optional<LifecycleState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (LifecycleState state : values()) {
            if (state.displayName.equalsIgnoreCase(text.trim()) || state.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    private static Map<LifecycleState, Map<LifecycleAction, LifecycleState>> transitions() {
        Map<LifecycleState, Map<LifecycleAction, LifecycleState>> table = new EnumMap<>(LifecycleState.class);
        // WSO2's APILifeCycle.xml, in its order.
        table.put(CREATED, ordered(
                LifecycleAction.PUBLISH, PUBLISHED,
                LifecycleAction.DEPLOY_AS_PROTOTYPE, PROTOTYPED));
        table.put(PROTOTYPED, ordered(
                LifecycleAction.PUBLISH, PUBLISHED,
                LifecycleAction.DEMOTE_TO_CREATED, CREATED,
                LifecycleAction.DEPLOY_AS_PROTOTYPE, PROTOTYPED));
        table.put(PUBLISHED, ordered(
                LifecycleAction.BLOCK, BLOCKED,
                LifecycleAction.DEPLOY_AS_PROTOTYPE, PROTOTYPED,
                LifecycleAction.DEMOTE_TO_CREATED, CREATED,
                LifecycleAction.DEPRECATE, DEPRECATED,
                LifecycleAction.PUBLISH, PUBLISHED));
        table.put(BLOCKED, ordered(
                LifecycleAction.DEPRECATE, DEPRECATED,
                LifecycleAction.REPUBLISH, PUBLISHED));
        table.put(DEPRECATED, ordered(
                LifecycleAction.RETIRE, RETIRED));
        table.put(RETIRED, ordered());
        return table;
    }

    private static Map<LifecycleAction, LifecycleState> ordered(Object... pairs) {
        Map<LifecycleAction, LifecycleState> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((LifecycleAction) pairs[i], (LifecycleState) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
