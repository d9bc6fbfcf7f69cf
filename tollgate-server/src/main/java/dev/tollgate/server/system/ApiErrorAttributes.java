package dev.tollgate.server.system;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors that reach Spring Boot's error handling without passing a REST controller (no handler for the path, a
 * request refused by a filter) still get the one JSON error shape when they concern {@code /api/}; pages keep
 * Boot's attributes for their error templates.
 */
@Component
class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST);
        if (uri == null || !uri.toString().startsWith("/api/")) {
            return attributes;
        }
        int code = attributes.get("status") instanceof Integer status ? status : 500;
        HttpStatus status = HttpStatus.resolve(code);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", status == null ? "Error" : status.getReasonPhrase());
        error.put("description", code == 404 ? "No resource at " + uri
                : code == 405 ? "Method not allowed at " + uri
                : "The request to " + uri + " could not be served");
        return error;
    }
}
