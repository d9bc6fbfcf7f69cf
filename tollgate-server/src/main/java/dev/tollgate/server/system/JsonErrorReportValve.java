package dev.tollgate.server.system;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Requests Tomcat refuses before any servlet sees them (an encoded slash or NUL in the path, a malformed URI) are
 * answered in Tollgate's one JSON error shape instead of Tomcat's HTML page, with no server details.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String message = resolved == null ? "Error" : resolved.getReasonPhrase();
        String description = status == 400 ? "The request is malformed (check the path and its encoding)"
                : "The request could not be served";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"code\":" + status + ",\"message\":\"" + message + "\",\"description\":\""
                        + description + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was already committed: nothing more to tell it.
            response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, e);
        }
    }
}
