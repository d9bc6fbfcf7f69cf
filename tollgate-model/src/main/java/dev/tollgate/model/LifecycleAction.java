package dev.tollgate.model;

import java.util.Optional;

/** The actions of WSO2's default API lifecycle, spelled as its {@code change-lifecycle} endpoint takes them. */
public enum LifecycleAction {
    PUBLISH("Publish"),
    DEPLOY_AS_PROTOTYPE("Deploy as a Prototype"),
    DEMOTE_TO_CREATED("Demote to Created"),
    BLOCK("Block"),
    REPUBLISH("Re-Publish"),
    DEPRECATE("Deprecate"),
    RETIRE("Retire");

    private final String displayName;

    LifecycleAction(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses WSO2's spelling ({@code "Deploy as a Prototype"}) or the enum name, case-insensitively. */
    public static Optional<LifecycleAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim();
        for (LifecycleAction action : values()) {
            if (action.displayName.equalsIgnoreCase(wanted) || action.name().equalsIgnoreCase(wanted)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
