package dev.tollgate.gateway.throttle;

import dev.tollgate.gateway.CloseCodes;
import dev.tollgate.gateway.connection.CloseReason;
import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import dev.tollgate.gateway.relay.DisconnectRequest;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The quotas one connection counts against: its subscription's, its application's and its API's, in that order, so
 * that the first spent one decides what happens to the frame. Exists only for a connection with at least one limited
 * plan at its handshake; the quotas' limits follow later snapshots, including to and from unlimited.
 *
 * <p>Used on the connection's event loop only (both legs run there).
 */
public final class ConnectionQuotas {

    static final String REASON = "Websocket frame throttled out";
    static final String NOTICE_TEXT = "Error code: " + CloseCodes.THROTTLED + " reason: " + REASON;
    private static final ByteBuf NOTICE = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer(NOTICE_TEXT, StandardCharsets.UTF_8).asReadOnly());
    /** What ends a connection whose plan closes over its quota. */
    public static final DisconnectRequest THROTTLED_OUT =
            new DisconnectRequest(new CloseReason(CloseCodes.THROTTLED, REASON));
    private static final String[] DIRECTIONS = {"upstream", "downstream"};

    /** What becomes of a data frame once counted. */
    public enum Verdict {
        /** Relay it. */
        PASS,
        /** Drop it, and tell the client ({@link #notifyClient()}). */
        DROP,
        /** Drop it and end the connection ({@link #THROTTLED_OUT}). */
        CLOSE,
        /** Hold it (and what follows it): a shared quota is being asked; the waiter runs once it is worth asking again. */
        WAIT
    }

    private final Connection connection;
    private final Quota[] quotas;
    private final String api;
    private final ThrottleMeters meters;
    /** Per quota and direction, the counter of the limits it was made for. */
    private final Counter[] counters;
    private final Limits[] counted;
    private final long[] costs;
    private Limits exceededLimits;
    private boolean noticesPending;

    ConnectionQuotas(Connection connection, Quota[] quotas, ThrottleMeters meters) {
        this.connection = connection;
        this.quotas = quotas;
        this.api = connection.route().api().name() + ':' + connection.route().api().version();
        this.meters = meters;
        this.counters = new Counter[quotas.length * 2];
        this.counted = new Limits[quotas.length * 2];
        this.costs = new long[quotas.length];
    }

    /** The handler that counts the frames coming from {@code side}; goes right in front of the relay. */
    public ChannelHandler handler(Side side) {
        return new ThrottleHandler(this, side);
    }

    Connection connection() {
        return connection;
    }

    /** Whether a quota is spent now, answered without waiting (the shared quotas from what this gateway knows). */
    public Optional<QuotaSpent> spent() {
        long longest = 0;
        Quota spent = null;
        for (Quota quota : quotas) {
            Limits limits = quota.limits();
            if (limits.unlimited() || !limits.enforced()) {
                continue;
            }
            long nanos = quota.nanosUntilAvailable(limits);
            if (nanos > longest) {
                longest = nanos;
                spent = quota;
            }
        }
        if (spent == null) {
            return Optional.empty();
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(longest + TimeUnit.SECONDS.toNanos(1) - 1));
        return Optional.of(new QuotaSpent(spent.subject().level().tag(), spent.limits().plan(), seconds));
    }

    /**
     * Counts one data frame of {@code payloadBytes} coming from {@code from}; on {@link Verdict#WAIT}, {@code waiter}
     * runs (on any thread) once the frame is worth counting again.
     */
    public Verdict admit(int payloadBytes, Side from, Runnable waiter) {
        return switch (take(payloadBytes, from, waiter)) {
            case PASSED -> Verdict.PASS;
            case PENDING -> Verdict.WAIT;
            case EXCEEDED -> exceededLimits.closesConnection() ? Verdict.CLOSE : Verdict.DROP;
        };
    }

    /**
     * Writes WSO2's notice {@code Error code: 4008 reason: Websocket frame throttled out} to the client, whichever leg
     * the dropped frame came from; {@link #flushNotices()} sends what was written at the end of the read. The notice's
     * bytes are one read-only buffer shared by every connection.
     */
    public void notifyClient() {
        Channel client = connection.client();
        if (client.isActive() && !connection.closeSent(Side.CLIENT)) {
            client.write(new TextWebSocketFrame(NOTICE.duplicate()), client.voidPromise());
            noticesPending = true;
        }
    }

    /** Flushes the notices written since the last flush, once per read rather than once per dropped frame. */
    public void flushNotices() {
        if (noticesPending) {
            noticesPending = false;
            connection.client().flush();
        }
    }

    /**
     * Takes one frame's cost from every quota, all or nothing. On {@link Take#EXCEEDED}, {@link #exceededLimits()}
     * says which plan refused it; on {@link Take#PENDING}, {@code waiter} runs once it is worth trying again.
     */
    Take take(int payloadBytes, Side from, Runnable waiter) {
        for (int i = 0; i < quotas.length; i++) {
            Quota quota = quotas[i];
            Limits limits = quota.limits();
            long cost = limits.unlimited() ? 0 : limits.cost(payloadBytes);
            costs[i] = 0;
            if (cost == 0) {
                continue;
            }
            Take take = quota.take(limits, cost, waiter);
            if (take == Take.PASSED) {
                costs[i] = cost;
                continue;
            }
            if (take == Take.EXCEEDED && !limits.enforced()) {
                count(i, quota, limits, from);
                continue;
            }
            refundBefore(i);
            if (take == Take.EXCEEDED) {
                exceededLimits = limits;
                count(i, quota, limits, from);
            }
            return take;
        }
        return Take.PASSED;
    }

    private void refundBefore(int end) {
        for (int i = 0; i < end; i++) {
            if (costs[i] > 0) {
                quotas[i].refund(quotas[i].limits(), costs[i]);
            }
        }
    }

    /** The limits of the quota that refused the last frame. */
    Limits exceededLimits() {
        return exceededLimits;
    }

    private void count(int index, Quota quota, Limits limits, Side from) {
        int slot = index * 2 + from.ordinal();
        if (counted[slot] != limits) {
            String action = !limits.enforced() ? "passed" : limits.closesConnection() ? "closed" : "dropped";
            counters[slot] = meters.counter(api, limits.plan(), DIRECTIONS[from.ordinal()], action);
            counted[slot] = limits;
        }
        counters[slot].increment();
        quota.logThrottled(api, limits.enforced());
    }
}
