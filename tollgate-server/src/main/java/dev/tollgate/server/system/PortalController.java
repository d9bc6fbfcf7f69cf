package dev.tollgate.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Controller;

/**
 * A controller of portal pages (HTML, Thymeleaf). Marks the controllers {@link PortalAdvice} serves, so that the
 * pages get the signed-in viewer and an error page while the REST controllers keep their JSON errors.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PortalController {
}
