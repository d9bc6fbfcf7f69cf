package dev.tollgate.model;

import java.util.regex.Pattern;

/**
 * How Tollgate compares API versions.
 *
 * <p>A version made only of dotted numbers is compared as numbers with missing parts taken as zero, so {@code 1.0},
 * {@code 1.0.0} and {@code 1} are one version: the tutorial creates {@code 1.0} and calls {@code /1.0.0}, and both
 * must work. Any other version ({@code v2}, {@code 2024-01}) is compared exactly.
 */
public final class ApiVersion {

    private static final Pattern DOTTED_NUMBERS = Pattern.compile("\\d{1,9}(\\.\\d{1,9})*");

    private ApiVersion() {
    }

    /** The key under which a version is unique and routed: {@code "1.0.0"} and {@code "1.0"} both give {@code "1"}. */
    public static String key(String version) {
        String text = version.trim();
        if (!DOTTED_NUMBERS.matcher(text).matches()) {
            return text;
        }
        String[] parts = text.split("\\.");
        int last = parts.length - 1;
        while (last > 0 && Integer.parseInt(parts[last]) == 0) {
            last--;
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                key.append('.');
            }
            key.append(Integer.parseInt(parts[i]));
        }
        return key.toString();
    }
}
