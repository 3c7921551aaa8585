package network.ohc.caresync.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.api.web.transparent.CareRefusals;
import network.ohc.caresync.api.web.transparent.TransparentProperties;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Refuses request bodies over the configured size with 413, whether they announce their length or not. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Raised while reading a body that turns out larger than allowed. */
    static class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final TransparentProperties transparent;

    public RequestSizeLimitFilter(CareSyncProperties properties, ObjectProvider<TransparentProperties> transparent) {
        this.limit = properties.getWrites().getMaxRequestBytes();
        this.transparent = transparent.getIfAvailable();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            String tooLarge = "the request body is larger than " + limit + " bytes";
            if (CareRefusals.forCare(transparent, request)) {
                // the CARE web app reads CARE's shape, not a problem detail
                CareRefusals.write(response, HttpStatus.PAYLOAD_TOO_LARGE.value(), "Request body too large: " + tooLarge);
                return;
            }
            Problems.write(response, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Content Too Large",
                    tooLarge));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream stream;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (stream == null) {
                    stream = new Limited(super.getInputStream(), limit);
                }
                return stream;
            }
        }, response);
    }

    private static final class Limited extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Limited(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
