package dev.tollgate.server.system;

import dev.tollgate.gateway.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tollgate's own settings ({@code tollgate.*}, or {@code TOLLGATE_*} environment variables).
 *
 * @param dataDir where the H2 database, the TLS key store and other state live
 * @param publicHost the host name put in the URLs shown to users (gateway URLs, issuer)
 * @param issuer the {@code iss} of every access token; defaults to {@code https://<publicHost>:<server.port>}
 * @param tokenValidity default access-token validity
 * @param gateway the all-in-one gateway's listeners
 * @param echo the bundled sample echo backend
 */
@ConfigurationProperties("tollgate")
public record TollgateProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("localhost") String publicHost,
        String issuer,
        @DefaultValue("3600s") Duration tokenValidity,
        @DefaultValue Gateway gateway,
        @DefaultValue Echo echo,
        @DefaultValue Tls tls) {

    /**
     * @param enabled start the gateway in this process (all-in-one mode)
     * @param wsPort plain WebSocket port; 0 picks a free port, -1 disables
     * @param wssPort WebSocket-over-TLS port; 0 picks a free port, -1 disables
     * @param insecureBackendTls trust any certificate of {@code wss://} backends (development only)
     * @param redisUrl {@code redis://host:port} to share throttling counters with other gateways; empty to count
     *        in this gateway only
     * @param maxFrameSize the largest frame payload on either leg, in bytes, for APIs that set none or a larger one
     * @param maxMessageSize the largest message on either leg, in bytes, for APIs that set none or a larger one
     * @param idleTimeout a connection silent this long is pinged at half of it and closed (1001) at its end if it
     *        does not answer, each up to an eighth of it later (legs are checked every eighth); zero disables
     * @param ioThreads the gateway's event-loop threads; 0 for one per core
     * @param transport the gateway's I/O transport: {@code auto} (io_uring, else epoll, else NIO), {@code io_uring},
     *        {@code epoll} or {@code nio}
     * @param backendTrustStore a PKCS#12 or JKS file of certificates to trust for {@code wss://} backends, besides
     *        the JDK's authorities and this server's own certificate; empty for none
     */
    public record Gateway(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.0.0.0") String bindHost,
            @DefaultValue("9099") int wsPort,
            @DefaultValue("8099") int wssPort,
            @DefaultValue("false") boolean insecureBackendTls,
            @DefaultValue("") String redisUrl,
            @DefaultValue("16777216") int maxFrameSize,
            @DefaultValue("67108864") int maxMessageSize,
            @DefaultValue("300s") java.time.Duration idleTimeout,
            @DefaultValue("0") int ioThreads,
            @DefaultValue("auto") Transport.Kind transport,
            @DefaultValue("") String backendTrustStore,
            @DefaultValue("changeit") String backendTrustStorePassword) {
    }

    /** The sample echo backend, so that the tutorial works on an offline machine. */
    public record Echo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("9098") int wsPort,
            @DefaultValue("8098") int wssPort) {
    }

    /**
     * @param keyStorePassword the password of the generated PKCS#12 key store in the data directory
     */
    public record Tls(@DefaultValue("changeit") String keyStorePassword) {
    }
}
