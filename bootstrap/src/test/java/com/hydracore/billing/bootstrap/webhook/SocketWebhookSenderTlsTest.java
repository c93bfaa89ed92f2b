package com.hydracore.billing.bootstrap.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.HostResolver;
import com.hydracore.billing.application.port.out.WebhookSender.SendResult;
import com.hydracore.billing.application.port.out.WebhookSender.WebhookRequest;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code https} through the checked address: a receiver on loopback with a certificate for {@code hooks.test} only
 * (made with the JDK's keytool), and a sender trusting it, whose resolver maps every name to loopback.
 */
class SocketWebhookSenderTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static HttpsServer receiver;
    private static SSLContext clientTls;
    private static final List<String> serverNamesSeen = new CopyOnWriteArrayList<>();
    private static final AtomicInteger received = new AtomicInteger();

    @BeforeAll
    static void startReceiver() throws Exception {
        Path dir = Files.createTempDirectory("webhook-tls");
        Path keystore = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=hooks.test", "-ext", "SAN=dns:hooks.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = serverTls.getDefaultSSLParameters();
                parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNamesSeen.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(parameters);
            }
        });
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    private static SendResult send(String host) {
        HostResolver toLoopback = name -> List.of(InetAddress.getLoopbackAddress());
        SocketWebhookSender sender = new SocketWebhookSender(toLoopback, new AddressPolicy(true),
                clientTls.getSocketFactory());
        URI url = URI.create("https://" + host + ":" + receiver.getAddress().getPort() + "/hook");
        return sender.send(new WebhookRequest(url, Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10)));
    }

    @Test
    void theCertificatesNameIsVerifiedAndSentAsSni() {
        int before = received.get();

        assertEquals(SendResult.answered(204), send("hooks.test"));

        assertEquals(before + 1, received.get());
        assertTrue(serverNamesSeen.contains("hooks.test"), "SNI named the URL's host: " + serverNamesSeen);
    }

    @Test
    void aCertificateForAnotherNameIsRefusedBeforeAnythingIsSent() {
        int before = received.get();

        SendResult result = send("other.test");

        assertNull(result.statusCode());
        assertTrue(result.failure().contains("SSL") || result.failure().contains("certificate")
                || result.failure().contains("No subject alternative"), result.failure());
        assertEquals(before, received.get());
    }
}
