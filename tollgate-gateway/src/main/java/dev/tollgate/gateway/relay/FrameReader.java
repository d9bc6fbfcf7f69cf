package dev.tollgate.gateway.relay;

import dev.tollgate.gateway.connection.Connection;
import dev.tollgate.gateway.connection.Connection.Side;
import dev.tollgate.gateway.frame.Masking;
import dev.tollgate.gateway.frame.NativeMemory;
import dev.tollgate.gateway.frame.Utf8Validator;
import dev.tollgate.gateway.throttle.ConnectionQuotas;
import dev.tollgate.gateway.throttle.ConnectionQuotas.Verdict;
import dev.tollgate.model.RuntimeApi;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Reads one leg of a connection on which no extension was negotiated, and relays its data frames as the bytes they
 * arrived in: the hot path of the gateway. Frames are parsed by their headers only; a run of consecutive data frames
 * goes on as one slice of the read buffer, without a frame object, a copy or an encoder.
 *
 * <p>Everything a frame decoder, the relay's checks and the throttle do to a data frame happens here, frame by frame
 * and in place:
 * <ul>
 *   <li>RFC 6455's rules: no reserved bits (1002), known opcodes, masked frames from the client and unmasked ones from
 *       the backend, minimal length encoding, control frames whole and at most 125 bytes, fragments in order;</li>
 *   <li>the API's frame limit (1009, as soon as the header announces more) and message limit (1009);</li>
 *   <li>UTF-8 of text messages across their fragments (1007), read through the client's mask;</li>
 *   <li>the connection's quotas, if it has any ({@link ConnectionQuotas#admit}): a dropped frame is cut out of the
 *       run, a frame waiting for Redis holds back what follows it;</li>
 *   <li>from the client, the payload is masked again with a fresh key where it lies (the key is the gateway's
 *       to choose, RFC 6455 section 10.3): one XOR pass with the old key XOR the new;</li>
 *   <li>the bytes and frames of each read are counted once, after the read.</li>
 * </ul>
 *
 * <p>Control frames are few and small: they are decoded into Netty's frame objects (a close frame checked as Netty's
 * decoder checks it) for the relay's keep-alive and close logic. Violations are reported, never closed on
 * here, as {@link CorruptedWebSocketFrameException}s, after the frames that came before them: the relay closes the
 * leg. What the leg sends after a violation is discarded.
 */
public final class FrameReader extends ChannelInboundHandlerAdapter {

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int NO_MESSAGE = -1;
    /** Two bytes, eight of extended length, four of mask key. */
    private static final int MAX_HEADER_BYTES = 14;

    private final Connection connection;
    private final Side side;
    /** Frames from the client are masked; the backend's must not be. */
    private final boolean masked;
    private final int frameLimit;
    private final long messageLimit;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final Runnable wake = this::wake;

    private int messageOpcode = NO_MESSAGE;
    private long messageBytes;
    /** The frame at the reader index was checked and counted in the message before it had to wait for a quota. */
    private boolean headChecked;
    private boolean waiting;
    private boolean failed;
    private final RelayedCount relayed = new RelayedCount();
    /** Bytes read but not relayed yet: an incomplete frame, or all from a frame waiting for a quota. */
    private ByteBuf pending;
    /** The size of the incomplete frame at the start of {@link #pending}, or -1 while its header is incomplete. */
    private int pendingFrameBytes = -1;
    /** Where the run of frames that {@link #parse} left for {@link #read} to pass on starts, or -1. */
    private int tailRun = -1;
    private ChannelHandlerContext ctx;
    /** The relay of this leg once it runs; until then runs go down the pipeline (to the backend's handshake). */
    private RelayHandler relay;

    FrameReader(Connection connection, Side side, int frameLimit, int messageLimit) {
        this.connection = connection;
        this.side = side;
        this.masked = side == Side.CLIENT;
        this.frameLimit = frameLimit;
        this.messageLimit = messageLimit;
    }

    /**
     * The reader of {@code side}, with the API's frame and message limits bounded by the gateway's.
     *
     * @param gatewayFrameLimit the gateway's largest frame payload, for an API that sets none or a larger one
     * @param gatewayMessageLimit the gateway's largest message, likewise
     */
    public static FrameReader of(Connection connection, Side side, int gatewayFrameLimit, int gatewayMessageLimit) {
        RuntimeApi api = connection.route().api();
        return new FrameReader(connection, side, api.frameLimit(gatewayFrameLimit),
                api.messageLimit(gatewayMessageLimit));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /**
     * From now on, runs of data frames go straight to {@code relayHandler}, past any handler between them; control
     * frames and read completions still take the pipeline.
     */
    void relayTo(RelayHandler relayHandler) {
        this.relay = relayHandler;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf read)) {
            context.fireChannelRead(msg);
            return;
        }
        if (failed) {
            read.release();
            return;
        }
        ByteBuf data = read;
        if (masked && read.isReadOnly()) {
            // Masking happens in place; bytes handed over read-only (never by the socket) are copied first.
            data = read.copy();
            read.release();
        }
        if (pending == null) {
            read(data, true);
            return;
        }
        if (waiting || pendingFrameBytes < 0) {
            append(data);
            if (!waiting) {
                ByteBuf buffered = takePending();
                read(buffered, false);
            }
            return;
        }
        int missing = pendingFrameBytes - pending.readableBytes();
        if (data.readableBytes() < missing) {
            append(data);
            return;
        }
        // Only the bytes that complete the held frame are copied; the rest is read where it lies.
        NativeMemory.append(pending, data, data.readerIndex(), missing);
        data.skipBytes(missing);
        read(takePending(), false);
        if (failed) {
            data.release();
        } else if (pending != null) {
            append(data);
        } else {
            read(data, true);
        }
    }

    /**
     * Reads the whole frames in {@code buf}, and keeps what follows them in {@link #pending}: an incomplete frame, or
     * everything from a frame that waits for a quota. Takes over {@code buf}.
     *
     * @param fresh whether {@code buf} is a buffer as read from the socket, never kept as is
     */
    private void read(ByteBuf buf, boolean fresh) {
        int start = buf.readerIndex();
        int left = parse(buf);
        int rest = buf.writerIndex() - left;
        if (tailRun >= 0) {
            if (tailRun == start && rest == 0) {
                // The common case, the buffer is all whole frames: it goes on itself, without a slice.
                buf.readerIndex(start);
                pass(buf);
                return;
            }
            relay(buf, tailRun, left);
        }
        if (failed || rest == 0) {
            buf.release();
            return;
        }
        if (!fresh && left == start) {
            // Nothing was relayed out of it, so no slice shares it: it may grow where it is.
            pending = buf;
            return;
        }
        // Sized by what arrived, never by what a header announces: a header alone must not reserve a frame's memory.
        pending = ctx.alloc().buffer(Math.max(rest, MAX_HEADER_BYTES));
        NativeMemory.append(pending, buf, left, rest);
        buf.release();
    }

    private void append(ByteBuf data) {
        try {
            NativeMemory.append(pending, data, data.readerIndex(), data.readableBytes());
        } finally {
            data.release();
        }
    }

    private ByteBuf takePending() {
        ByteBuf held = pending;
        pending = null;
        return held;
    }

    /**
     * Relays the whole frames of {@code in} from its reader index, as far as it can, all but the last run, which it
     * leaves at {@link #tailRun} when it reached the last whole frame; returns where it stopped: the
     * start of an incomplete frame (its size, if its header is complete, in {@link #pendingFrameBytes}) or of a frame
     * that waits for a quota, or the end. A violation is reported after the frames before it.
     */
    private int parse(ByteBuf in) {
        int runStart = in.readerIndex();
        int index = runStart;
        int end = in.writerIndex();
        pendingFrameBytes = -1;
        tailRun = -1;
        try {
            while (end - index >= 2) {
                int b0 = in.getByte(index) & 0xFF;
                int b1 = in.getByte(index + 1) & 0xFF;
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                boolean frameMasked = (b1 & 0x80) != 0;
                int length7 = b1 & 0x7F;
                boolean checked = headChecked && index == in.readerIndex();
                if (!checked) {
                    checkHeader(b0, opcode, fin, frameMasked, length7);
                }
                int lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
                int headerLength = 2 + lengthBytes + (frameMasked ? 4 : 0);
                if (end - index < headerLength) {
                    break;
                }
                long length = lengthBytes == 0 ? length7
                        : lengthBytes == 2 ? in.getUnsignedShort(index + 2) : in.getLong(index + 2);
                if (!checked) {
                    checkLength(opcode, length7, length);
                }
                if (end - index - headerLength < length) {
                    pendingFrameBytes = (int) Math.min(Integer.MAX_VALUE, headerLength + length);
                    break;
                }
                int payloadIndex = index + headerLength;
                int payloadLength = (int) length;
                int next = payloadIndex + payloadLength;
                int mask = frameMasked ? in.getInt(payloadIndex - 4) : 0;

                if (opcode >= OPCODE_CLOSE) {
                    relay(in, runStart, index);
                    runStart = index;
                    WebSocketFrame control = controlFrame(in, opcode, payloadIndex, payloadLength, mask);
                    runStart = index = next;
                    ctx.fireChannelRead(control);
                    continue;
                }
                if (!checked) {
                    checkMessage(in, opcode, fin, payloadIndex, payloadLength, mask);
                }
                ConnectionQuotas quotas = connection.quotas();
                Verdict verdict = quotas == null ? Verdict.PASS : quotas.admit(payloadLength, side, wake);
                if (verdict == Verdict.WAIT) {
                    // This frame and all after it wait; the frame is not checked again (its message moved on).
                    relay(in, runStart, index);
                    headChecked = true;
                    waiting = true;
                    ctx.channel().config().setAutoRead(false);
                    in.readerIndex(index);
                    return index;
                }
                headChecked = false;
                if (verdict != Verdict.PASS) {
                    relay(in, runStart, index);
                    runStart = index = next;
                    if (verdict == Verdict.CLOSE) {
                        failed = true;
                        ctx.fireChannelRead(ConnectionQuotas.THROTTLED_OUT);
                        return end;
                    }
                    quotas.notifyClient();
                    continue;
                }
                if (masked) {
                    int fresh = Masking.newKey();
                    in.setInt(payloadIndex - 4, fresh);
                    Masking.mask(in, payloadIndex, payloadLength, mask ^ fresh);
                }
                relayed.add(payloadLength);
                index = next;
            }
            // The last run is passed on by read(), as the buffer itself if it is the whole buffer.
            tailRun = runStart;
            in.readerIndex(index);
            return index;
        } catch (CorruptedWebSocketFrameException violation) {
            // The frames before the violation go on; the rest of what this leg sends is discarded.
            relay(in, runStart, index);
            failed = true;
            ctx.fireExceptionCaught(violation);
            return end;
        }
    }

    /** Passes on the whole frames in {@code [from, to)} as one slice of the buffer they were read into. */
    private void relay(ByteBuf in, int from, int to) {
        if (to > from) {
            pass(in.retainedSlice(from, to - from));
        }
    }

    private void pass(ByteBuf frames) {
        if (relay != null) {
            relay.relayFrames(frames);
        } else {
            ctx.fireChannelRead(frames);
        }
    }

    private void checkHeader(int b0, int opcode, boolean fin, boolean frameMasked, int length7) {
        if ((b0 & 0x70) != 0) {
            throw protocolError(ReservedBitsHandler.NO_EXTENSION);
        }
        if (frameMasked != masked) {
            throw protocolError(masked ? "Received a frame that is not masked as expected"
                    : "Received a masked frame from the backend");
        }
        if (opcode >= OPCODE_CLOSE) {
            if (opcode > OPCODE_PONG) {
                throw protocolError("Control frame using reserved opcode " + opcode);
            }
            if (!fin) {
                throw protocolError("Fragmented control frame");
            }
            if (length7 > MAX_CONTROL_PAYLOAD) {
                throw protocolError("Control frame with payload length > 125 octets");
            }
        } else if (opcode > OPCODE_BINARY) {
            throw protocolError("Data frame using reserved opcode " + opcode);
        } else if (opcode == OPCODE_CONTINUATION && messageOpcode == NO_MESSAGE) {
            throw protocolError("Received continuation data frame outside fragmented message");
        } else if (opcode != OPCODE_CONTINUATION && messageOpcode != NO_MESSAGE) {
            throw protocolError("Received non-continuation data frame while inside fragmented message");
        }
    }

    private void checkLength(int opcode, int length7, long length) {
        if (length7 == 126 && length < 126 || length7 == 127 && length < 65_536) {
            throw protocolError("Invalid data frame length (not using minimal length encoding)");
        }
        if (length < 0) {
            throw protocolError("Invalid data frame length (most significant bit set)");
        }
        if (length > frameLimit) {
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "Max frame length of " + frameLimit + " has been exceeded.");
        }
        long soFar = opcode == OPCODE_CONTINUATION ? messageBytes : 0;
        if (opcode < OPCODE_CLOSE && soFar + length > messageLimit) {
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    MessageSizeHandler.TOO_BIG);
        }
    }

    /** Follows the frame's message: its size, its fragments, and the UTF-8 of a text message. */
    private void checkMessage(ByteBuf in, int opcode, boolean fin, int payloadIndex, int payloadLength, int mask) {
        if (opcode != OPCODE_CONTINUATION) {
            messageOpcode = opcode;
            messageBytes = 0;
            utf8.reset();
        }
        messageBytes += payloadLength;
        if (messageOpcode == OPCODE_TEXT
                && (!utf8.feed(in, payloadIndex, payloadLength, mask) || fin && !utf8.complete())) {
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                    "Invalid UTF-8 in a text message");
        }
        if (fin) {
            messageOpcode = NO_MESSAGE;
        }
    }

    /** An unmasked copy of a control frame; a close frame's code and reason are checked as Netty's decoder does. */
    private WebSocketFrame controlFrame(ByteBuf in, int opcode, int payloadIndex, int payloadLength, int mask) {
        ByteBuf payload = payloadLength == 0 ? Unpooled.EMPTY_BUFFER : ctx.alloc().buffer(payloadLength);
        if (payloadLength > 0) {
            NativeMemory.append(payload, in, payloadIndex, payloadLength);
        }
        Masking.mask(payload, 0, payloadLength, mask);
        if (opcode == OPCODE_PING) {
            return new PingWebSocketFrame(payload);
        }
        if (opcode == OPCODE_PONG) {
            return new PongWebSocketFrame(payload);
        }
        try {
            checkClose(payload);
        } catch (CorruptedWebSocketFrameException e) {
            payload.release();
            throw e;
        }
        return new CloseWebSocketFrame(true, 0, payload);
    }

    private static void checkClose(ByteBuf payload) {
        int length = payload.readableBytes();
        if (length == 1) {
            throw protocolError("Invalid close frame body");
        }
        if (length >= 2) {
            int code = payload.getUnsignedShort(0);
            if (!WebSocketCloseStatus.isValidStatusCode(code)) {
                throw protocolError("Invalid close frame status code: " + code);
            }
            if (!Utf8Validator.isValid(payload, 2, length - 2)) {
                throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                        "Invalid UTF-8 in the close reason");
            }
        }
    }

    private static CorruptedWebSocketFrameException protocolError(String message) {
        return new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, message);
    }

    /** Counts the frames of one read once, rather than per frame, and sends the throttle's notices. */
    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        ConnectionQuotas quotas = connection.quotas();
        if (quotas != null) {
            quotas.flushNotices();
        }
        relayed.report(connection, side);
        context.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        releasePending();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        releasePending();
        context.fireChannelInactive();
    }

    private void releasePending() {
        if (pending != null) {
            takePending().release();
        }
    }

    /** A shared quota answered: on the event loop, read on from the frame that waited. */
    private void wake() {
        ctx.channel().eventLoop().execute(() -> {
            if (!waiting || ctx.isRemoved() || pending == null) {
                return;
            }
            waiting = false;
            read(takePending(), false);
            channelReadComplete(ctx);
            if (!waiting && !failed) {
                connection.resumeReading(side);
            }
        });
    }
}
