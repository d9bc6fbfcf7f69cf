package dev.tollgate.bench.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Where the load goes: a {@code ws://} or {@code wss://} URL on this machine and the extra upgrade-request headers
 * (for example {@code Authorization: Bearer ...}).
 *
 * <p>Only loopback hosts are accepted: a benchmark here must never send traffic off the machine.
 */
public record Target(URI uri, List<Header> headers) {

    public Target {
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("url: \"" + uri + "\" (expected: ws:// or wss://)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url: \"" + uri + "\" (expected: a host)");
        }
        if (!isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("url: \"" + uri + "\" (expected: a loopback host such as 127.0.0.1 or "
                    + "localhost; the harness never loads another machine)");
        }
    }

    public static Target of(String url, List<Header> headers) {
        return new Target(URI.create(url), headers);
    }

    public boolean tls() {
        return "wss".equals(uri.getScheme());
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : tls() ? 443 : 80;
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** One upgrade-request header. */
    public record Header(String name, String value) {

        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("header name: \"" + name + "\" (expected: a token)");
            }
            // The upgrade request is written as it is given (Upgrade): a line break would end the header early.
            if (hasLineBreak(name) || hasLineBreak(value)) {
                throw new IllegalArgumentException("header \"" + name + "\": a line break in it");
            }
        }

        private static boolean hasLineBreak(String text) {
            return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
        }

        /** Parses {@code "Name: value"}. */
        public static Header parse(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header: \"" + line + "\" (expected: \"Name: value\")");
            }
            return new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }
}
