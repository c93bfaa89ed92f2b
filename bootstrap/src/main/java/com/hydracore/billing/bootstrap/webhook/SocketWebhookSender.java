package com.hydracore.billing.bootstrap.webhook;

import com.hydracore.billing.application.port.out.HostResolver;
import com.hydracore.billing.application.port.out.WebhookSender;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link WebhookSender} over a plain socket, so that it connects to the very address it checked (API §8, "checked
 * again when sending"; docs/webhooks.md, "HTTP sender"): the host is resolved once, every address judged by the
 * {@link AddressPolicy} (any refused one refuses the send), and the socket connects to a checked
 * {@link InetAddress}, never to the name; a DNS answer that changes between the check and the connection
 * (rebinding) changes nothing.
 *
 * <ul>
 *   <li>{@code https}: TLS over that socket, with the URL's host as SNI name and hostname verification
 *       ({@code HTTPS} endpoint identification) against it, trusting what the JVM trusts;</li>
 *   <li>one HTTP/1.1 {@code POST} with {@code Content-Length} and {@code Connection: close};</li>
 *   <li>one deadline, the request's timeout, over connecting, the TLS handshake, writing and reading the status
 *       line: reads wait at most what is left of it, and a watchdog closes the socket when it passes (a receiver
 *       that stops reading, or trickles its answer, cannot hold a sender thread longer);</li>
 *   <li>only the status line is read (interim 1xx heads skipped), at most {@value #MAX_HEAD_READ} bytes in all;
 *       the body is never read, and the connection is closed;</li>
 *   <li>a redirect is an answer (3xx), never followed;</li>
 *   <li>never throws: anything the network or the receiver does is {@link SendResult#failed}.</li>
 * </ul>
 * Safe for concurrent use.
 */
public final class SocketWebhookSender implements WebhookSender {

    /** Most bytes of the answer read: the status line and any interim heads before it. */
    public static final int MAX_HEAD_READ = 8192;

    /** Closes the sockets whose deadline passed; one daemon thread for every sender. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-send-deadline");
        t.setDaemon(true);
        return t;
    });

    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final SSLSocketFactory tls;

    /** Sends with the JVM's default TLS trust, judging what {@code resolver} answers by {@code policy}. */
    public SocketWebhookSender(HostResolver resolver, AddressPolicy policy) {
        this(resolver, policy, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** Sends with {@code tls} for {@code https} URLs (tests give it their own trust). */
    public SocketWebhookSender(HostResolver resolver, AddressPolicy policy, SSLSocketFactory tls) {
        this.resolver = resolver;
        this.policy = policy;
        this.tls = tls;
    }

    @Override
    public SendResult send(WebhookRequest request) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        try {
            return sendBefore(request, deadline);
        } catch (SocketTimeoutException e) {
            return timedOut(request);
        } catch (IOException | RuntimeException e) {
            if (System.nanoTime() - deadline >= 0) {
                return timedOut(request); // the watchdog closed the socket
            }
            return SendResult.failed(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static SendResult timedOut(WebhookRequest request) {
        return SendResult.failed("timed out after " + request.timeout().toMillis() + " ms");
    }

    private SendResult sendBefore(WebhookRequest request, long deadline) throws IOException {
        URI url = request.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return SendResult.failed("not an http(s) URL");
        }
        String host = url.getHost();
        if (host == null) {
            return SendResult.failed("no host in the URL");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean https = scheme.equals("https");
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        byte[] head = head(request, url, host, port, https);

        List<InetAddress> addresses = resolver.resolve(bare);
        if (addresses.isEmpty()) {
            return SendResult.failed("the host does not resolve");
        }
        Optional<InetAddress> refused = policy.firstRefused(addresses);
        if (refused.isPresent()) {
            // the range, never the address (the admin chose the name; the answer may be internal)
            return SendResult.failed("refused target address ("
                    + AddressPolicy.rangeOf(refused.get()).map(Object::toString).orElse("not permitted") + ")");
        }

        IOException lastFailure = null;
        for (InetAddress address : addresses) { // every one checked above; the first that connects is used
            Socket socket = new Socket();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(socket),
                    Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            try {
                try {
                    socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
                } catch (IOException e) {
                    lastFailure = e;
                    continue;
                }
                Socket connected = https ? tls(socket, bare, port, deadline) : socket;
                OutputStream out = connected.getOutputStream();
                out.write(head);
                out.write(request.body());
                out.flush();
                return readStatus(connected, deadline);
            } finally {
                watchdog.cancel(false);
                closeQuietly(socket);
            }
        }
        throw lastFailure;
    }

    /** TLS over the connected socket: SNI and hostname verification for the URL's host. */
    private Socket tls(Socket socket, String host, int port, long deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** The request line and headers: the request's own, then {@code Host}, {@code Content-Length}, close. */
    private static byte[] head(WebhookRequest request, URI url, String host, int port, boolean https) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (!isToken(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a header that cannot be sent: " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        }
        head.append("Content-Length: ").append(request.body().length).append("\r\n")
                .append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    /**
     * The status of the first final answer: reads lines up to the deadline and {@value #MAX_HEAD_READ} bytes,
     * skipping interim (1xx) heads.
     */
    private static SendResult readStatus(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        int[] budget = {MAX_HEAD_READ};
        while (true) {
            String statusLine = readLine(socket, in, deadline, budget);
            if (statusLine == null) {
                return SendResult.failed("the connection closed before an answer");
            }
            int status = statusOf(statusLine);
            if (status < 0) {
                return SendResult.failed("not an HTTP/1.x answer");
            }
            if (status >= 200) {
                return SendResult.answered(status);
            }
            // an interim answer (100 Continue, 103 Early Hints): its head, then the real one
            String line;
            do {
                line = readLine(socket, in, deadline, budget);
                if (line == null) {
                    return SendResult.failed("the connection closed before an answer");
                }
            } while (!line.isEmpty());
        }
    }

    /** {@code HTTP/1.x SSS …} → SSS (100-599), or -1. */
    static int statusOf(String statusLine) {
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            return -1;
        }
        String code = statusLine.substring(9, 12);
        if (!code.chars().allMatch(Character::isDigit)
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            return -1;
        }
        int status = Integer.parseInt(code);
        return status >= 100 && status <= 599 ? status : -1;
    }

    /** One line without its CRLF (or LF), or null at the end of the stream; each read waits what is left. */
    private static String readLine(Socket socket, InputStream in, long deadline, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (budget[0]-- <= 0) {
                throw new IOException("the answer's head is longer than " + MAX_HEAD_READ + " bytes");
            }
            socket.setSoTimeout(remainingMillis(deadline));
            int b = in.read();
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    /** What is left of the deadline, at least 1 ms (0 would mean "no timeout" to a socket). */
    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }
}
