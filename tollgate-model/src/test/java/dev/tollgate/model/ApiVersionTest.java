package dev.tollgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

    @Test
    void dottedNumbersCompareWithMissingPartsAsZero() {
        assertThat(ApiVersion.key("1.0")).isEqualTo(ApiVersion.key("1.0.0")).isEqualTo("1");
        assertThat(ApiVersion.key("1")).isEqualTo("1");
        assertThat(ApiVersion.key("2.10.0")).isEqualTo("2.10");
        assertThat(ApiVersion.key("01.0")).isEqualTo("1");
        assertThat(ApiVersion.key("1.0.1")).isNotEqualTo(ApiVersion.key("1.0"));
    }

    @Test
    void otherVersionsCompareExactly() {
        assertThat(ApiVersion.key("v1")).isEqualTo("v1");
        assertThat(ApiVersion.key("v1.0")).isNotEqualTo(ApiVersion.key("v1"));
        assertThat(ApiVersion.key("2024-01")).isEqualTo("2024-01");
    }
}
