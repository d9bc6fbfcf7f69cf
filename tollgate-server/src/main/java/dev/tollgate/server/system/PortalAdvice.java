package dev.tollgate.server.system;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * Serves every {@link PortalController}: puts the signed-in {@link Viewer} in the model (the header shows the portals
 * the viewer's roles open) and turns a service's refusal into the error page with its status and description.
 */
@ControllerAdvice(annotations = PortalController.class)
class PortalAdvice {

    @ModelAttribute("viewer")
    Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return null;
        }
        return Viewer.of(Actor.of(authentication));
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException refusal) {
        ModelAndView page = new ModelAndView("error", refusal.status());
        HttpStatus status = refusal.status();
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("detail", refusal.getMessage());
        page.addObject("viewer", viewer());
        return page;
    }
}
