package network.ohc.caresync.simulator.fault;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * Ends a request with no HTTP answer at all: the TCP connection is reset.
 *
 * <p>With SO_LINGER set to 0, closing a socket sends RST instead of FIN, so a client sees
 * "connection reset" (or EOF before any response byte) — an {@code IOException}, never a status.
 * That is what a dropped link or a crashed proxy looks like to care-sync.
 */
public final class ConnectionAborter {

    private ConnectionAborter() {
    }

    /** Returns false when the request does not run on Reactor Netty (it then gets an ordinary answer). */
    public static boolean abort(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        while (request instanceof ServerHttpRequestDecorator decorator) {
            request = decorator.getDelegate();
        }
        if (request instanceof AbstractServerHttpRequest nativeHolder
                && nativeHolder.getNativeRequest() instanceof Connection connection) {
            Channel channel = connection.channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
            return true;
        }
        return false;
    }
}
