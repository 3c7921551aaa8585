package network.ohc.caresync.api.web;

import network.ohc.caresync.api.web.transparent.CareRefusals;
import network.ohc.caresync.api.web.transparent.TransparentProperties;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.io.IOException;

/**
 * Tomcat's own error page, for requests it refuses before care-sync sees them (an encoded slash or NUL in the path,
 * a malformed request line): a problem detail like every other error, instead of an HTML page; on CARE's paths (the
 * transparent mode) CARE's own shape.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final String REFUSED = "the request was refused before care-sync read it (check the path and the "
            + "request line)";

    private final TransparentProperties transparent;

    /** {@code transparent}: where CARE's paths are served (refused in CARE's shape there), null when they are not. */
    public ProblemErrorReportValve(TransparentProperties transparent) {
        this.transparent = transparent;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (CareRefusals.forCare(transparent, request.getRequest())) {
            try {
                response.reset();
                CareRefusals.write(response.getResponse(), status, status < 500 ? "Bad request: " + REFUSED
                        : "care-sync could not handle this request");
            } catch (IOException | IllegalStateException e) {
                // the client is gone, or the response was committed meanwhile: nothing more to say
            }
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        ProblemDetail problem = Problems.of(known == null ? HttpStatus.BAD_REQUEST : known,
                status < 500 ? "bad-request" : "internal-error", title, status < 500 ? REFUSED
                        : "the server failed before care-sync could answer");
        try {
            response.reset();
            response.setStatus(status);
            Problems.write(response.getResponse(), problem);
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was committed meanwhile: nothing more to say
        }
    }
}
