package dev.tollgate.server;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.aot.AbstractAotProcessor;

/** Tollgate all-in-one: control plane, key manager, gateway and the sample echo backend in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TollgateApplication {

    /**
     * Netty tracks one buffer in this many for leaks, with a stack trace taken when the buffer is allocated and again
     * when it is released: at Netty's default of 128 that was 1.5-2.7% of the gateway's CPU under load (async-profiler,
     * docs/BENCHMARKS.md). One in 4,096 still reports a leak on any path that leaks repeatedly; the tests track every
     * buffer ({@code paranoid}). {@code -Dio.netty.leakDetection.samplingInterval=N} sets another interval.
     */
    private static final String LEAK_SAMPLING_INTERVAL = "io.netty.leakDetection.samplingInterval";
    private static final String DEFAULT_LEAK_SAMPLING_INTERVAL = "4096";

    /**
     * Starts Tollgate with the bean definitions that the build's ahead-of-time processing generated (Spring AOT,
     * {@code spring.aot.enabled}), when they are there: the start then skips parsing the configuration classes and
     * evaluating the auto-configurations' conditions, which were decided at build time. {@code
     * -Dspring.aot.enabled=false} starts without them. Tests start the application without {@code main} and so in
     * the regular mode, where every condition is evaluated at run time. Netty's leak sampling interval is set to
     * {@value #DEFAULT_LEAK_SAMPLING_INTERVAL} unless given.
     *
     * <p>Netty logs through {@code java.util.logging}, which Spring Boot bridges to logback with logback's levels
     * propagated back: Netty's io_uring transport checks its TRACE level for every submission, and a JUL logger
     * answers from one field where logback's consults its turbo filters and its context, 0.9-1.4% of the gateway's CPU
     * in a handshake run (async-profiler).
     */
    public static void main(String[] args) {
        if (System.getProperty(LEAK_SAMPLING_INTERVAL) == null) {
            System.setProperty(LEAK_SAMPLING_INTERVAL, DEFAULT_LEAK_SAMPLING_INTERVAL);
        }
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        if (System.getProperty("spring.aot.enabled") == null && !Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
                && TollgateApplication.class.getResource("TollgateApplication__ApplicationContextInitializer.class")
                        != null) {
            System.setProperty("spring.aot.enabled", "true");
        }
        SpringApplication.run(TollgateApplication.class, args);
    }
}
