package ke.thibitisha.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Small helpers around the JDK HTTP server and form encoding, shared by both simulators and their tests. */
public final class SimHttp {

    static {
        // the JDK server writes headers and body separately; with Nagle on, each answer can stall ~40 ms
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private SimHttp() {
    }

    /** Binds a JDK HTTP server; a large backlog so bursts of 200 concurrent requests are queued, not refused. */
    public static HttpServer bind(String host, int port, ExecutorService executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 512);
            server.setExecutor(executor);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + host + ":" + port, e);
        }
    }

    public static String readBody(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), UTF_8);
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body,
                               Map<String, String> headers) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (contentType != null && bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        // the JDK server reads length 0 as "chunked"; -1 means "no body"
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    public static void respondJson(HttpExchange exchange, int status, String json) throws IOException {
        respond(exchange, status, "application/json", json, Map.of());
    }

    /** Parses {@code a=1&b=2} (a form body or a query string) keeping the order; a repeated name keeps its first value. */
    public static Map<String, String> parseForm(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    public static String formEncode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    /** True when the URL's host resolves to a loopback address: load is only ever aimed at this machine. */
    public static boolean isLoopback(URI uri) {
        try {
            return uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
