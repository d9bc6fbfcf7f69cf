package dev.tollgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

    /** Headers with the value as an {@link AsciiString}, which reads as the decoder's {@link String}s do. */
    private static HttpHeaders decoded(String authorization) {
        return unvalidated().add(HttpHeaderNames.AUTHORIZATION, new AsciiString(authorization));
    }

    /** Headers that take any value, white space around it included, as a proxy in front might pass it. */
    private static HttpHeaders unvalidated() {
        return DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
    }

    private static Credentials of(HttpHeaders headers) {
        return Credentials.of(headers, Map.of());
    }

    private static String bearer(Credentials credentials) {
        assertThat(credentials).isInstanceOf(Credentials.BearerToken.class);
        return ((Credentials.BearerToken) credentials).token().toString();
    }

    @Test
    void aBearerTokenIsReadInAnyCaseAndWithoutTheWhiteSpaceAroundIt() {
        for (String value : List.of("Bearer " + TOKEN, "bearer " + TOKEN, "BEARER   " + TOKEN + " \t",
                "  Bearer " + TOKEN)) {
            assertThat(bearer(of(decoded(value)))).as(value).isEqualTo(TOKEN);
            assertThat(bearer(of(unvalidated().add(HttpHeaderNames.AUTHORIZATION, value)))).as(value)
                    .isEqualTo(TOKEN);
        }
    }

    @Test
    void theTokenIsAViewOfTheHeaderNotACopy() {
        String header = "Bearer " + TOKEN;
        CharSequence token = ((Credentials.BearerToken) of(new DefaultHttpHeaders()
                .add(HttpHeaderNames.AUTHORIZATION, header))).token();
        assertThat(token).isNotInstanceOf(String.class);
        assertThat(token.length()).isEqualTo(TOKEN.length());
        assertThat(token.toString()).isEqualTo(TOKEN);
        assertThat(new Credentials.BearerToken(TOKEN).token()).isSameAs(TOKEN);
    }

    @Test
    void otherSchemesAreRefusedByName() {
        assertThat(of(decoded("Basic YWRtaW46YWRtaW4="))).isEqualTo(new Credentials.Unsupported("Basic authorization"));
        assertThat(of(decoded("Bearer\t" + TOKEN)))
                .isEqualTo(new Credentials.Unsupported("Bearer\t" + TOKEN + " authorization"));
        assertThat(of(decoded("Bearers " + TOKEN))).isEqualTo(new Credentials.Unsupported("Bearers authorization"));
        assertThat(of(decoded("Beare " + TOKEN))).isEqualTo(new Credentials.Unsupported("Beare authorization"));
    }

    @Test
    void aBearerSchemeWithoutATokenIsMissingCredentials() {
        assertThat(of(decoded("Bearer"))).isEqualTo(new Credentials.Missing());
        assertThat(of(decoded("Bearer    "))).isEqualTo(new Credentials.Missing());
    }

    @Test
    void aBlankHeaderLeavesTheDecisionToTheOtherCarriers() {
        HttpHeaders headers = decoded("   ");
        assertThat(Credentials.of(headers, Map.of("access_token", List.of(" " + TOKEN + " "))))
                .isEqualTo(new Credentials.BearerToken(TOKEN));
        assertThat(of(headers)).isEqualTo(new Credentials.Missing());
        assertThat(Credentials.of(new DefaultHttpHeaders(), Map.of("api_key", List.of("k"))))
                .isEqualTo(new Credentials.Unsupported("API key"));
    }

    @Test
    void theHeaderWinsOverTheQuery() {
        assertThat(bearer(Credentials.of(decoded("Bearer " + TOKEN), Map.of("access_token", List.of("other")))))
                .isEqualTo(TOKEN);
    }

    @Test
    void theTokenNeverShowsInToString() {
        assertThat(of(decoded("Bearer " + TOKEN)).toString()).doesNotContain(TOKEN);
    }
}
