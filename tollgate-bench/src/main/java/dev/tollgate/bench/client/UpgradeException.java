package dev.tollgate.bench.client;

import java.io.IOException;

/**
 * A WebSocket upgrade that did not succeed; the message says why in a few words (the status the server answered with,
 * "timeout", "wrong Sec-WebSocket-Accept", ...), so that errors can be counted by it. No stack trace: it names an
 * outcome, not a bug, and a refused load makes thousands.
 */
final class UpgradeException extends IOException {

    private static final long serialVersionUID = 1L;

    UpgradeException(String why) {
        super(why, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
