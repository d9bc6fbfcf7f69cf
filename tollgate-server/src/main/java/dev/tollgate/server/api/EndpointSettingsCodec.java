package dev.tollgate.server.api;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.tollgate.model.EndpointSettings;
import dev.tollgate.server.system.ApiException;

/**
 * Maps endpoint advanced settings to and from WSO2's {@code production_endpoints.config} object, whose keys (and the
 * spelling {@code retryErroCode}) scripts written for WSO2 already use. Durations are milliseconds.
 */
public final class EndpointSettingsCodec {

    private static final Set<String> TIMEOUT_ACTIONS = Set.of("fault", "discard", "neverTimeout");

    private EndpointSettingsCodec() {
    }

    public static Map<String, Object> toConfig(EndpointSettings settings) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("actionSelect", settings.timeoutAction());
        config.put("actionDuration", settings.connectionTimeout().toMillis());
        config.put("suspendErrorCode", codes(settings.suspendErrorCodes()));
        config.put("suspendDuration", settings.suspendInitialDuration().toMillis());
        config.put("suspendMaxDuration", settings.suspendMaxDuration().toMillis());
        config.put("factor", settings.suspendFactor());
        config.put("retryErroCode", codes(settings.timeoutErrorCodes()));
        config.put("retryTimeOut", settings.retriesBeforeSuspension());
        config.put("retryDelay", settings.retryDelay().toMillis());
        return config;
    }

    /** Reads a WSO2 config object; absent keys keep their defaults, wrong values are refused naming the key. */
    public static EndpointSettings fromConfig(Map<String, ?> config) {
        EndpointSettings d = EndpointSettings.DEFAULTS;
        if (config == null || config.isEmpty()) {
            return d;
        }
        String action = config.containsKey("actionSelect") ? String.valueOf(config.get("actionSelect")) : d.timeoutAction();
        if (!TIMEOUT_ACTIONS.contains(action)) {
            throw invalid("actionSelect", config.get("actionSelect"), "one of fault, discard, neverTimeout");
        }
        Duration connectTimeout = millis(config, "actionDuration", d.connectionTimeout(), 1, 600_000);
        Duration suspendInitial = millis(config, "suspendDuration", d.suspendInitialDuration(), 0, 86_400_000);
        Duration suspendMax = millis(config, "suspendMaxDuration", d.suspendMaxDuration(), 0, 86_400_000);
        double factor = number(config, "factor", d.suspendFactor(), 1, 100);
        int retries = (int) number(config, "retryTimeOut", d.retriesBeforeSuspension(), 0, 100);
        Duration retryDelay = millis(config, "retryDelay", d.retryDelay(), 0, 600_000);
        if (!suspendMax.isZero() && suspendMax.compareTo(suspendInitial) < 0) {
            throw invalid("suspendMaxDuration", suspendMax.toMillis(), "at least suspendDuration ("
                    + suspendInitial.toMillis() + ")");
        }
        return new EndpointSettings(connectTimeout, action,
                codes(config, "suspendErrorCode", d.suspendErrorCodes()),
                suspendInitial, suspendMax, factor,
                codes(config, "retryErroCode", d.timeoutErrorCodes()),
                retries, retryDelay);
    }

    private static Duration millis(Map<String, ?> config, String key, Duration fallback, long min, long max) {
        return Duration.ofMillis((long) number(config, key, fallback.toMillis(), min, max));
    }

    private static double number(Map<String, ?> config, String key, double fallback, double min, double max) {
        Object value = config.get(key);
        if (value == null || (value instanceof String s && s.isBlank())) {
            return fallback;
        }
        double parsed;
        try {
            parsed = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a number from " + fmt(min) + " to " + fmt(max));
        }
        if (Double.isNaN(parsed) || parsed < min || parsed > max) {
            throw invalid(key, value, "a number from " + fmt(min) + " to " + fmt(max));
        }
        return parsed;
    }

    private static Set<Integer> codes(Map<String, ?> config, String key, Set<Integer> fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        Collection<?> items = value instanceof Collection<?> c ? c
                : java.util.Arrays.asList(value.toString().split(","));
        Set<Integer> codes = new TreeSet<>();
        for (Object item : items) {
            String text = String.valueOf(item).trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                codes.add(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a list of numeric error codes");
            }
        }
        return codes;
    }

    private static java.util.List<String> codes(Set<Integer> codes) {
        return codes.stream().sorted().map(String::valueOf).toList();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static ApiException invalid(String key, Object value, String expected) {
        return ApiException.badRequest("endpointConfig.production_endpoints.config." + key + ": \"" + value
                + "\" (expected: " + expected + ")");
    }
}
