package dev.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.tollgate.model.CorsConfiguration;
import dev.tollgate.model.EndpointSettings;
import dev.tollgate.model.LifecycleState;
import org.junit.jupiter.api.Test;

class ApiFormTest {

    @Test
    void savingThePublisherFormKeepsWhatTheFormDoesNotShow() {
        CorsConfiguration origins = new CorsConfiguration(true, List.of("https://app.example.com"));
        Api stored = new Api("id", "Echo", "/echo", "1.0", "d", "admin", LifecycleState.PUBLISHED,
                Optional.of("ws://localhost:1/e"), EndpointSettings.DEFAULTS, List.of("Gold"), null, origins, 4096,
                65536, Instant.now(), Instant.now());

        ApiDraft edited = new ApiForm("Echo2", "/echo", "1.0", "new", "ws://localhost:2/e", List.of("Silver"), "")
                .toDraft(stored, EndpointSettings.DEFAULTS);

        assertThat(edited.name()).isEqualTo("Echo2");
        assertThat(edited.policies()).containsExactly("Silver");
        assertThat(edited.cors()).isEqualTo(origins);
        assertThat(edited.maxFrameSize()).isEqualTo(4096);
        assertThat(edited.maxMessageSize()).isEqualTo(65536);
    }
}
