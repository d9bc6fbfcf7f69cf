package dev.tollgate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.aot.AbstractAotProcessor;

/** Tollgate all-in-one: control plane, key manager, gateway and the sample echo backend in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TollgateApplication {

    /**
     * Starts Tollgate with the bean definitions that the build's ahead-of-time processing generated (Spring AOT,
     * {@code spring.aot.enabled}), when they are there: the start then skips parsing the configuration classes and
     * evaluating the auto-configurations' conditions, which were decided at build time. {@code
     * -Dspring.aot.enabled=false} starts without them. Tests start the application without {@code main} and so in
     * the regular mode, where every condition is evaluated at run time.
     */
    public static void main(String[] args) {
        if (System.getProperty("spring.aot.enabled") == null && !Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
                && TollgateApplication.class.getResource("TollgateApplication__ApplicationContextInitializer.class")
                        != null) {
            System.setProperty("spring.aot.enabled", "true");
        }
        SpringApplication.run(TollgateApplication.class, args);
    }
}
