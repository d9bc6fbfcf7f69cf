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
        assertThat(ApiVersion.key("0")).isEqualTo(ApiVersion.key("0.0")).isEqualTo("0");
        assertThat(ApiVersion.key(" 3.000.0 ")).isEqualTo("3");
        assertThat(ApiVersion.key("999999999.1")).isEqualTo("999999999.1");
    }

    @Test
    void almostDottedNumbersCompareExactly() {
        assertThat(ApiVersion.key("1..0")).isEqualTo("1..0");
        assertThat(ApiVersion.key(".1")).isEqualTo(".1");
        assertThat(ApiVersion.key("1.")).isEqualTo("1.");
        assertThat(ApiVersion.key("1234567890")).isEqualTo("1234567890");
        assertThat(ApiVersion.key("1.0-beta")).isEqualTo("1.0-beta");
        assertThat(ApiVersion.key("")).isEmpty();
    }

    @Test
    void otherVersionsCompareExactly() {
        assertThat(ApiVersion.key("v1")).isEqualTo("v1");
        assertThat(ApiVersion.key("v1.0")).isNotEqualTo(ApiVersion.key("v1"));
        assertThat(ApiVersion.key("2024-01")).isEqualTo("2024-01");
    }
}
