package dev.tollgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifecycleStateTest {

    @Test
    void followsWso2DefaultLifecycle() {
        assertThat(LifecycleState.CREATED.after(LifecycleAction.PUBLISH)).contains(LifecycleState.PUBLISHED);
        assertThat(LifecycleState.CREATED.after(LifecycleAction.BLOCK)).isEmpty();
        assertThat(LifecycleState.PUBLISHED.after(LifecycleAction.BLOCK)).contains(LifecycleState.BLOCKED);
        assertThat(LifecycleState.BLOCKED.after(LifecycleAction.REPUBLISH)).contains(LifecycleState.PUBLISHED);
        assertThat(LifecycleState.DEPRECATED.allowedActions()).containsExactly(LifecycleAction.RETIRE);
        assertThat(LifecycleState.RETIRED.allowedActions()).isEmpty();
    }

    @Test
    void parsesWso2Spelling() {
        assertThat(LifecycleAction.parse("Deploy as a Prototype")).contains(LifecycleAction.DEPLOY_AS_PROTOTYPE);
        assertThat(LifecycleAction.parse("re-publish")).contains(LifecycleAction.REPUBLISH);
        assertThat(LifecycleAction.parse("Launch")).isEmpty();
        assertThat(LifecycleState.parse("Published")).contains(LifecycleState.PUBLISHED);
    }

    @Test
    void servesOnlyLiveStates() {
        assertThat(LifecycleState.PUBLISHED.isServed()).isTrue();
        assertThat(LifecycleState.BLOCKED.isServed()).isFalse();
        assertThat(LifecycleState.BLOCKED.isRouted()).isTrue();
        assertThat(LifecycleState.CREATED.isRouted()).isFalse();
    }
}
