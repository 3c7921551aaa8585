package network.ohc.caresync.api.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.io.IOException;

/**
 * Tomcat's own error page, for requests it refuses before care-sync sees them (an encoded slash or NUL in the path,
 * a malformed request line): a problem detail like every other error, instead of an HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        ProblemDetail problem = Problems.of(known == null ? HttpStatus.BAD_REQUEST : known,
                status < 500 ? "bad-request" : "internal-error", title, status < 500
                        ? "the request was refused before care-sync read it (check the path and the request line)"
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
