package dev.tollgate.gateway.backend;

import io.netty.buffer.ByteBuf;
import io.netty.util.CharsetUtil;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head of a backend's answer to the upgrade request: its status and the headers the handshake looks at. The body
 * of a refusal is never read; only its status is passed on.
 *
 * <p>Lines may end in CRLF or a bare LF and headers may repeat, as RFC 9112 lets a recipient accept; a header line
 * folded onto the next (obsolete line folding) joins the previous value with a space.
 */
record UpgradeResponse(int status, String reason, Map<String, String> headers) {

    /** Far more than any handshake answer; an error page's headers must fit too. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    /** The response head is not HTTP/1.x, or too large; the message says what, without the backend's bytes. */
    static final class MalformedResponseException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedResponseException(String message) {
            super(message, null, false, false);
        }
    }

    /** The value of the named header (lower case), repeated values joined by commas; {@code null} when absent. */
    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /**
     * Parses a response head from the readable bytes of {@code in}, consuming it when complete.
     *
     * @return the head, with {@code in}'s reader index right after it (at the first frame the backend sent, if any);
     *     {@code null} when the head is not complete yet, {@code in} untouched
     */
    static UpgradeResponse parse(ByteBuf in) throws MalformedResponseException {
        int end = headEnd(in);
        if (end < 0) {
            if (in.readableBytes() > MAX_HEAD_BYTES) {
                throw new MalformedResponseException("response head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            return null;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), CharsetUtil.ISO_8859_1);
        in.readerIndex(end);
        int lineEnd = head.indexOf('\n');
        String statusLine = line(head, 0, lineEnd);
        // "HTTP/1.1 101 Switching Protocols": the version, a space, three digits, then a space and any reason.
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
                || !isDigit(statusLine.charAt(9)) || !isDigit(statusLine.charAt(10)) || !isDigit(statusLine.charAt(11))
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new MalformedResponseException("not an HTTP/1.x status line");
        }
        int status = Integer.parseInt(statusLine, 9, 12, 10);
        String reason = statusLine.length() > 13 ? statusLine.substring(13).strip() : "";
        Map<String, String> headers = new HashMap<>();
        String previous = null;
        while (lineEnd >= 0 && lineEnd + 1 < head.length()) {
            int start = lineEnd + 1;
            lineEnd = head.indexOf('\n', start);
            String line = line(head, start, lineEnd);
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && previous != null) {
                headers.merge(previous, line.strip(), (a, b) -> a + ' ' + b);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(colon - 1) == '\t') {
                throw new MalformedResponseException("malformed header line");
            }
            previous = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.merge(previous, line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
        }
        return new UpgradeResponse(status, reason, headers);
    }

    /** The index right after the blank line that ends the head, or -1 if it has not arrived. */
    private static int headEnd(ByteBuf in) {
        int from = in.readerIndex();
        int limit = in.writerIndex();
        while (true) {
            int lf = in.indexOf(from, limit, (byte) '\n');
            if (lf < 0) {
                return -1;
            }
            int next = lf + 1;
            if (next < limit && in.getByte(next) == '\n') {
                return next + 1;
            }
            if (next + 1 < limit && in.getByte(next) == '\r' && in.getByte(next + 1) == '\n') {
                return next + 2;
            }
            from = next;
        }
    }

    /** The line from {@code start} to the line feed at {@code lineFeed} (or the end), without its CR. */
    private static String line(String head, int start, int lineFeed) {
        int end = lineFeed < 0 ? head.length() : lineFeed;
        if (end > start && head.charAt(end - 1) == '\r') {
            end--;
        }
        return head.substring(start, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
