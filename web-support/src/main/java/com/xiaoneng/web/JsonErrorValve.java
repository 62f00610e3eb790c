package com.xiaoneng.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat answers some requests itself before any filter sees them (an encoded NUL or slash in the path, a
 * malformed request line) with an HTML page; this valve writes them in the project's error JSON.
 */
public class JsonErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"status\":" + status + ",\"error\":\"" + reason(status) + "\",\"rule\":\"" + rule(status)
                        + "\",\"message\":\"" + message(status) + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already committed: nothing more to say
        }
    }

    static String rule(int status) {
        return status == 400 ? "http.rejected" : status == 404 ? "http.not-found" : status >= 500 ? "server.error"
                : "http." + status;
    }

    static String message(int status) {
        return status == 400 ? "the request's line, path or headers are malformed"
                : status >= 500 ? "the server failed; nothing was stored" : "the request was refused";
    }

    private static String reason(int status) {
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
