package dev.tollgate.gateway;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on a plain socket that writes any frame, valid or not, and reads the server's frames as they
 * are on the wire, reserved bits and all. Every read waits at most {@link #TIMEOUT_MILLIS}.
 */
final class RawWebSocket implements AutoCloseable {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    static final int RSV1 = 0x4;
    static final int RSV2 = 0x2;
    static final int RSV3 = 0x1;

    static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_FRAMES_BEFORE_CLOSE = 10_000;
    private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    /** A frame as the server sent it. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code, or -1 for a close frame without one. */
        int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode + ", " + payload.length + " bytes]";
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<String, String> responseHeaders;

    private RawWebSocket(Socket socket, Map<String, String> responseHeaders) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.responseHeaders = responseHeaders;
    }

    /** Upgrades {@code path} on the gateway with a bearer token and these extra header lines; fails unless 101. */
    static RawWebSocket connect(int port, String path, String token, String... headerLines) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String[] head = readHead(in).split("\r\n");
            if (!head[0].startsWith("HTTP/1.1 101")) {
                socket.close();
                throw new AssertionError("Expected 101 but got " + head[0]);
            }
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
            return new RawWebSocket(socket, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 8192 && !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** A header of the server's {@code 101}, or {@code null}. */
    String responseHeader(String name) {
        return responseHeaders.get(name.toLowerCase(Locale.ROOT));
    }

    /** Sends one masked frame with these bits. */
    void send(boolean fin, int rsv, int opcode, byte[] payload) {
        write(header(fin, rsv, opcode, payload.length, true), mask(payload));
    }

    /** Sends one final masked frame unless the server has already closed the connection; says whether it did. */
    boolean trySend(int opcode, byte[] payload) {
        try {
            send(true, 0, opcode, payload);
            return true;
        } catch (UncheckedIOException closed) {
            return false;
        }
    }

    void sendText(String text) {
        send(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendClose(int code, String reason) {
        send(true, 0, CLOSE, closePayload(code, reason));
    }

    /**
     * Sends one masked frame a few bytes at a time, {@code chunk} per write with a short pause between writes, so that
     * the gateway reads it in many pieces: split headers, split mask keys, split payloads.
     */
    void sendDribbled(boolean fin, int opcode, byte[] payload, int chunk) {
        byte[] header = header(fin, 0, opcode, payload.length, true);
        byte[] rest = mask(payload);
        byte[] frame = Arrays.copyOf(header, header.length + rest.length);
        System.arraycopy(rest, 0, frame, header.length, rest.length);
        try {
            for (int at = 0; at < frame.length; at += chunk) {
                out.write(frame, at, Math.min(chunk, frame.length - at));
                out.flush();
                Thread.sleep(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a frame without a mask, as only a server may. */
    void sendUnmasked(int opcode, byte[] payload) {
        write(header(true, 0, opcode, payload.length, false), payload);
    }

    /** Sends a frame header that announces {@code length} bytes, followed by only {@code sent} of them. */
    void sendHeaderOnly(int opcode, long length, int sent) {
        write(header(true, 0, opcode, length, true), new byte[sent]);
    }

    static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    private static byte[] header(boolean fin, int rsv, int opcode, long length, boolean masked) {
        ByteArrayOutputStream header = new ByteArrayOutputStream(14);
        header.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            header.write(maskBit | (int) length);
        } else if (length <= 0xffff) {
            header.write(maskBit | 126);
            header.write((int) (length >> 8));
            header.write((int) length);
        } else {
            header.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >> shift));
            }
        }
        return header.toByteArray();
    }

    /** The masking key followed by the masked payload. */
    private static byte[] mask(byte[] payload) {
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        byte[] masked = new byte[4 + payload.length];
        System.arraycopy(key, 0, masked, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            masked[4 + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return masked;
    }

    private void write(byte[] header, byte[] rest) {
        try {
            out.write(header);
            out.write(rest);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame from the server; fails when none comes in time or the connection ends. */
    Frame next() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            if ((second & 0x80) != 0) {
                throw new AssertionError("The server sent a masked frame");
            }
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length > 64L * 1024 * 1024) {
                throw new AssertionError("Frame too large for a test: " + length);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame((first & 0x80) != 0, (first >> 4) & 0x7, first & 0x0f, payload);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No frame within " + TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new AssertionError("The connection ended while a frame was expected", e);
        }
    }

    /** The next frame, which must have this opcode. */
    Frame next(int opcode) {
        Frame frame = next();
        if (frame.opcode() != opcode) {
            throw new AssertionError("Expected opcode " + opcode + " but got " + frame
                    + (frame.opcode() == CLOSE ? " (" + frame.closeCode() + " " + frame.closeReason() + ")" : ""));
        }
        return frame;
    }

    /** Reads frames until a close frame and returns it; data frames before it are skipped. */
    Frame awaitClose() {
        for (int i = 0; i < MAX_FRAMES_BEFORE_CLOSE; i++) {
            Frame frame = next();
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
        throw new AssertionError("No close frame among " + MAX_FRAMES_BEFORE_CLOSE + " frames");
    }

    /** Whether the server closed the TCP connection within the timeout (after any remaining frames). */
    boolean awaitEndOfStream() {
        try {
            byte[] drain = new byte[8192];
            for (int i = 0; i < MAX_FRAMES_BEFORE_CLOSE; i++) {
                if (in.read(drain) < 0) {
                    return true;
                }
            }
            return false;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset also ends the connection.
            return true;
        }
    }

    /** Drops the connection without a close frame; with {@code reset}, as an RST. */
    void abort(boolean reset) {
        try {
            if (reset) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        abort(false);
    }

    /** One message compressed as permessage-deflate sends it, without context takeover. */
    static byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(message);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int written;
            do {
                written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                compressed.write(buffer, 0, written);
            } while (written == buffer.length);
            byte[] bytes = compressed.toByteArray();
            // RFC 7692 7.2.1: the empty block's trailing 00 00 ff ff is not sent.
            if (bytes.length >= 4 && Arrays.equals(bytes, bytes.length - 4, bytes.length, DEFLATE_TAIL, 0, 4)) {
                return Arrays.copyOf(bytes, bytes.length - 4);
            }
            return bytes;
        } finally {
            deflater.end();
        }
    }

    /** Decompresses one permessage-deflate message compressed without context takeover. */
    static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
            System.arraycopy(DEFLATE_TAIL, 0, input, compressed.length, 4);
            inflater.setInput(input);
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int i = 0; i < 100_000 && !inflater.needsInput(); i++) {
                message.write(buffer, 0, inflater.inflate(buffer));
            }
            return message.toByteArray();
        } catch (DataFormatException e) {
            throw new AssertionError("Not a valid deflate stream", e);
        } finally {
            inflater.end();
        }
    }
}
