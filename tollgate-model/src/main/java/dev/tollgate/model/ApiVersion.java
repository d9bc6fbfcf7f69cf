package dev.tollgate.model;

/**
 * How Tollgate compares API versions.
 *
 * <p>A version made only of dotted numbers is compared as numbers with missing parts taken as zero, so {@code 1.0},
 * {@code 1.0.0} and {@code 1} are one version: the tutorial creates {@code 1.0} and calls {@code /1.0.0}, and both
 * must work. Any other version ({@code v2}, {@code 2024-01}) is compared exactly.
 */
public final class ApiVersion {

    /** Longest number part: nine digits always fit an int. */
    private static final int MAX_PART_DIGITS = 9;

    private ApiVersion() {
    }

    /**
     * The key under which a version is unique and routed: {@code "1.0.0"} and {@code "1.0"} both give {@code "1"}.
     * Runs on every handshake (the router's look-up), so it parses by hand rather than with a regular expression.
     */
    public static String key(String version) {
        String text = version.trim();
        if (!isDottedNumbers(text)) {
            return text;
        }
        StringBuilder key = new StringBuilder(text.length());
        int keptLength = 0;
        int start = 0;
        while (start <= text.length()) {
            int dot = text.indexOf('.', start);
            int end = dot < 0 ? text.length() : dot;
            int number = Integer.parseInt(text, start, end, 10);
            if (key.length() > 0) {
                key.append('.');
            }
            key.append(number);
            // Trailing zero parts are dropped: remember where the key ended at its last non-zero part.
            if (number != 0 || keptLength == 0) {
                keptLength = key.length();
            }
            start = end + 1;
        }
        key.setLength(keptLength);
        return key.toString();
    }

    /** Numbers of 1 to 9 digits joined by single dots. */
    private static boolean isDottedNumbers(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_PART_DIGITS) {
                    return false;
                }
            } else if (c == '.' && digits > 0) {
                digits = 0;
            } else {
                return false;
            }
        }
        return digits > 0;
    }
}
