package dev.tollgate.gateway;

import dev.tollgate.gateway.transport.Transport;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Gateway} listens and treats connections. Immutable; build one with {@link #builder()}, whose setters
 * state each default and check each argument.
 */
public final class GatewayConfig {

    /** Port value that turns a listener off. */
    public static final int DISABLED = -1;

    private final String bindHost;
    private final int wsPort;
    private final int wssPort;
    private final PrivateKey tlsKey;
    private final List<X509Certificate> tlsChain;
    private final KeyStore backendTrustStore;
    private final boolean insecureBackendTls;
    private final int maxFramePayload;
    private final int maxMessageSize;
    private final Duration handshakeTimeout;
    private final Duration idleTimeout;
    private final int ioThreads;
    private final Transport.Kind transport;
    private final boolean perMessageDeflate;
    private final MeterRegistry meterRegistry;
    private final URI sharedThrottling;
    private final TokenIntrospector tokenIntrospector;
    private final int introspectionCacheSize;
    private final Duration introspectionCacheTtl;
    private final Duration introspectionTimeout;

    private GatewayConfig(Builder builder) {
        this.bindHost = builder.bindHost;
        this.wsPort = builder.wsPort;
        this.wssPort = builder.wssPort;
        this.tlsKey = builder.tlsKey;
        this.tlsChain = builder.tlsChain;
        this.backendTrustStore = builder.backendTrustStore;
        this.insecureBackendTls = builder.insecureBackendTls;
        this.maxFramePayload = builder.maxFramePayload;
        this.maxMessageSize = builder.maxMessageSize;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.ioThreads = builder.ioThreads;
        this.transport = builder.transport;
        this.perMessageDeflate = builder.perMessageDeflate;
        this.meterRegistry = builder.meterRegistry;
        this.sharedThrottling = builder.sharedThrottling;
        this.tokenIntrospector = builder.tokenIntrospector;
        this.introspectionCacheSize = builder.introspectionCacheSize;
        this.introspectionCacheTtl = builder.introspectionCacheTtl;
        this.introspectionTimeout = builder.introspectionTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bindHost() {
        return bindHost;
    }

    /** The configured {@code ws} port: 0 for ephemeral, {@link #DISABLED} when off. */
    public int wsPort() {
        return wsPort;
    }

    /** The configured {@code wss} port: 0 for ephemeral, {@link #DISABLED} when off. */
    public int wssPort() {
        return wssPort;
    }

    /** The server key for {@code wss}, when {@link Builder#tls} was called. */
    public Optional<PrivateKey> tlsKey() {
        return Optional.ofNullable(tlsKey);
    }

    /** The server certificate chain for {@code wss}, leaf first; empty when {@code wss} is off. */
    public List<X509Certificate> tlsChain() {
        return tlsChain;
    }

    public Optional<KeyStore> backendTrustStore() {
        return Optional.ofNullable(backendTrustStore);
    }

    public boolean insecureBackendTls() {
        return insecureBackendTls;
    }

    /** The largest frame payload on either leg; an API may set a lower one for its clients. */
    public int maxFramePayload() {
        return maxFramePayload;
    }

    /** The largest message, all its frames together, on either leg; an API may set a lower one. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Zero when idle connections are kept forever. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The event-loop threads that carry every connection, both legs of one on the same thread. */
    public int ioThreads() {
        return ioThreads;
    }

    /** The I/O transport both legs run on; {@link Transport.Kind#AUTO} for the best this machine has. */
    public Transport.Kind transport() {
        return transport;
    }

    /** Whether each leg may negotiate permessage-deflate (RFC 7692) on its own. */
    public boolean perMessageDeflate() {
        return perMessageDeflate;
    }

    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** The Redis whose counters this gateway shares with others; empty when it counts on its own. */
    public Optional<URI> sharedThrottling() {
        return Optional.ofNullable(sharedThrottling);
    }

    /** What validates opaque access tokens; empty when every token must be a JWT. */
    public Optional<TokenIntrospector> tokenIntrospector() {
        return Optional.ofNullable(tokenIntrospector);
    }

    /** The most active introspection answers kept; 0 when none is. */
    public int introspectionCacheSize() {
        return introspectionCacheSize;
    }

    /** The longest an introspection answer is kept, even for a token that expires later. */
    public Duration introspectionCacheTtl() {
        return introspectionCacheTtl;
    }

    /** How long a handshake waits for an introspection answer before the client gets 503. */
    public Duration introspectionTimeout() {
        return introspectionTimeout;
    }

    /** Collects and checks the settings of a {@link GatewayConfig}. */
    public static final class Builder {

        private String bindHost = "0.0.0.0";
        private int wsPort = 9099;
        private int wssPort = DISABLED;
        private PrivateKey tlsKey;
        private List<X509Certificate> tlsChain = List.of();
        private KeyStore backendTrustStore;
        private boolean insecureBackendTls;
        private int maxFramePayload = 16 * 1024 * 1024;
        private int maxMessageSize = 64 * 1024 * 1024;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ZERO;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private Transport.Kind transport = Transport.Kind.AUTO;
        private boolean perMessageDeflate = true;
        private MeterRegistry meterRegistry;
        private URI sharedThrottling;
        private TokenIntrospector tokenIntrospector;
        private int introspectionCacheSize = 10_000;
        private Duration introspectionCacheTtl = Duration.ofSeconds(60);
        private Duration introspectionTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /** The address both listeners bind; default {@code 0.0.0.0} (all interfaces). */
        public Builder bindHost(String host) {
            Objects.requireNonNull(host, "bindHost");
            if (host.isBlank()) {
                throw new IllegalArgumentException("bindHost: \"" + host + "\" (expected: a host name or address)");
            }
            this.bindHost = host;
            return this;
        }

        /** The {@code ws} port; default 9099. 0 picks an ephemeral port, {@link #DISABLED} turns plain ws off. */
        public Builder wsPort(int port) {
            this.wsPort = checkPort("wsPort", port);
            return this;
        }

        /** The {@code wss} port; default {@link #DISABLED}. 0 picks an ephemeral port. Needs {@link #tls}. */
        public Builder wssPort(int port) {
            this.wssPort = checkPort("wssPort", port);
            return this;
        }

        /** The server key and certificate chain (leaf first) for {@code wss}. */
        public Builder tls(PrivateKey key, X509Certificate... chain) {
            Objects.requireNonNull(key, "tls key");
            Objects.requireNonNull(chain, "tls chain");
            if (chain.length == 0) {
                throw new IllegalArgumentException("tls chain: empty (expected: at least the server certificate)");
            }
            for (int i = 0; i < chain.length; i++) {
                Objects.requireNonNull(chain[i], "tls chain[" + i + "]");
            }
            this.tlsKey = key;
            this.tlsChain = List.of(chain);
            return this;
        }

        /**
         * Extra certificates to trust for {@code wss://} backends, on top of the JDK's default trust; default none.
         */
        public Builder backendTrustStore(KeyStore trustStore) {
            this.backendTrustStore = Objects.requireNonNull(trustStore, "backendTrustStore");
            return this;
        }

        /**
         * Development switch: trust any backend certificate and skip the host-name check; default {@code false}.
         * Never use it in production: it lets anyone on the path impersonate a backend.
         */
        public Builder insecureBackendTls(boolean insecure) {
            this.insecureBackendTls = insecure;
            return this;
        }

        /** The largest frame payload accepted on either leg, in bytes; default 16 MiB. Larger frames close 1009. */
        public Builder maxFramePayload(int bytes) {
            if (bytes < 125) {
                throw new IllegalArgumentException("maxFramePayload: " + bytes + " (expected: at least 125 bytes, "
                        + "the largest control frame)");
            }
            this.maxFramePayload = bytes;
            return this;
        }

        /**
         * The largest message accepted on either leg, the payloads of all its frames together, in bytes; default
         * 64 MiB, and never below {@link #maxFramePayload}. A larger message closes its sender with 1009 and the
         * other leg with 1001.
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 125) {
                throw new IllegalArgumentException("maxMessageSize: " + bytes + " (expected: at least 125 bytes)");
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * How long a client has to complete TLS and send its upgrade request; default 10 s. The backend connect that
         * follows is bounded separately by the endpoint's connection timeout.
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive("handshakeTimeout", timeout);
            return this;
        }

        /**
         * How long a leg may stay silent; default zero, meaning never closed for idleness. When positive, the
         * gateway pings a leg that has been silent for half of it and closes the pair with 1001 when the leg stays
         * silent for all of it; legs are checked every eighth of it, so each happens up to an eighth later.
         */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "idleTimeout");
            if (timeout.isNegative() || (!timeout.isZero() && timeout.toMillis() < 2)) {
                throw new IllegalArgumentException("idleTimeout: " + timeout + " (expected: zero for none, or at "
                        + "least 2 ms)");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * The event-loop threads; default one per available processor, 0 for that default. A relay never blocks, so
         * more threads than cores only add context switches (Netty's own default is two per core).
         */
        public Builder ioThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException(
                        "ioThreads: " + threads + " (expected: 0 for one per core, or more)");
            }
            this.ioThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
            return this;
        }

        /**
         * The I/O transport; default {@link Transport.Kind#AUTO}: io_uring where the kernel allows it, else epoll,
         * else NIO. A native transport named here that this machine cannot run stops the start with its cause.
         */
        public Builder transport(Transport.Kind kind) {
            this.transport = Objects.requireNonNull(kind, "transport");
            return this;
        }

        /**
         * Whether the gateway negotiates permessage-deflate (RFC 7692) on each leg independently; default
         * {@code true}. The client's offer is answered by the gateway, never forwarded: the gateway makes its own offer
         * to the backend. A leg that negotiated it sends compressed frames, which are decompressed on arrival and
         * compressed again for the other leg only if that leg negotiated it too. Decompressed messages are bounded by
         * {@link #maxFramePayload}.
         */
        public Builder perMessageDeflate(boolean enabled) {
            this.perMessageDeflate = enabled;
            return this;
        }

        /** Where to publish metrics; default none, and no metrics are recorded. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /**
         * Shares throttling counters with every gateway configured with the same Redis ({@code redis://host:port},
         * or {@code rediss://} for TLS); default none, and each gateway counts on its own. When Redis cannot be
         * reached the gateway keeps serving on local limits and {@link Gateway#throttlingMode()} says so.
         */
        public Builder sharedThrottling(URI redis) {
            Objects.requireNonNull(redis, "sharedThrottling");
            if (!"redis".equals(redis.getScheme()) && !"rediss".equals(redis.getScheme()) || redis.getHost() == null) {
                // Not the whole URI: it may carry a password.
                throw new IllegalArgumentException("sharedThrottling: scheme " + redis.getScheme() + ", host "
                        + redis.getHost() + " (expected: redis://host:port or rediss://host:port)");
            }
            this.sharedThrottling = redis;
            return this;
        }

        /**
         * Validates access tokens that are not JWTs (opaque reference tokens) by introspection; default none, and
         * such tokens are refused as malformed. JWTs are still verified offline.
         */
        public Builder tokenIntrospector(TokenIntrospector introspector) {
            this.tokenIntrospector = Objects.requireNonNull(introspector, "tokenIntrospector");
            return this;
        }

        /**
         * The most active introspection answers kept, least recently used dropped first; default 10 000. 0 turns
         * the cache off, and every handshake with an opaque token asks the introspector.
         */
        public Builder introspectionCacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("introspectionCacheSize: " + entries + " (expected: 0 or more)");
            }
            this.introspectionCacheSize = entries;
            return this;
        }

        /**
         * How long an active answer is kept at most; default 60 s. It is never kept past the token's expiry, and a
         * revoked token is refused even when cached, so this bounds only how late other changes are seen.
         */
        public Builder introspectionCacheTtl(Duration ttl) {
            this.introspectionCacheTtl = positive("introspectionCacheTtl", ttl);
            return this;
        }

        /** How long a handshake waits for the introspector; default 5 s. Past it, the client gets 503. */
        public Builder introspectionTimeout(Duration timeout) {
            this.introspectionTimeout = positive("introspectionTimeout", timeout);
            return this;
        }

        public GatewayConfig build() {
            if (wsPort == DISABLED && wssPort == DISABLED) {
                throw new IllegalArgumentException("wsPort and wssPort: both disabled (expected: at least one "
                        + "listener)");
            }
            if (wssPort != DISABLED && tlsKey == null) {
                throw new IllegalArgumentException("wssPort: " + wssPort + " needs tls(key, chain) (expected: a "
                        + "server key and certificate, or wssPort(-1))");
            }
            if (maxMessageSize < maxFramePayload) {
                throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: at least "
                        + "maxFramePayload, " + maxFramePayload + ")");
            }
            if (wsPort != DISABLED && wsPort != 0 && wsPort == wssPort) {
                throw new IllegalArgumentException("wssPort: " + wssPort + " (expected: a port other than wsPort)");
            }
            return new GatewayConfig(this);
        }

        private static Duration positive(String name, Duration duration) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + ": " + duration + " (expected: positive)");
            }
            return duration;
        }

        private static int checkPort(String name, int port) {
            if (port < DISABLED || port > 65_535) {
                throw new IllegalArgumentException(name + ": " + port + " (expected: -1 to disable, 0 for an "
                        + "ephemeral port, or 1-65535)");
            }
            return port;
        }
    }
}
