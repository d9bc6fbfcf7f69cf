package dev.tollgate.server.system;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The one sign-in page of the portals; Spring Security handles its POST and sends the user back where they were. */
@PortalController
class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String locked,
            @RequestParam(required = false) String logout, @RequestParam(required = false) String signedUp,
            Model model) {
        if (locked != null) {
            model.addAttribute("problem", "Too many failed sign-ins for this username from your address. "
                    + "Wait a minute, then try again.");
        } else if (error != null) {
            model.addAttribute("problem", "Incorrect username or password.");
        }
        if (logout != null) {
            model.addAttribute("notice", "You have signed out.");
        } else if (signedUp != null) {
            model.addAttribute("notice", "Your account is ready: sign in with it.");
        }
        return "system/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/devportal";
    }
}
