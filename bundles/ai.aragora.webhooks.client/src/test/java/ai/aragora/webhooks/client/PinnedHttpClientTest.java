package ai.aragora.webhooks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import ai.aragora.api.webhook.OutboundHttp.Answer;

/**
 * The client every sink posts through, against loopback receivers under names that do not
 * resolve ({@code hooks.test}): a request arrives only because it went to the address it carries.
 */
class PinnedHttpClientTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final byte[] BODY = "{\"n\": 1}".getBytes(StandardCharsets.UTF_8);

    private static Answer post(PinnedHttpClient client, URI url, Duration timeout, int cap) throws Exception {
        return client.post(url, List.of(LOOPBACK), List.of(Map.entry("Content-Type", "application/json")), BODY, timeout, cap)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void overTlsTheHostNameIsTheServerNameAndWhatTheCertificateMustName() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/hooks-test.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(km.getKeyManagers(), null, new SecureRandom());
        List<String> serverNames = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpsServer secure = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        secure.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = serverTls.getDefaultSSLParameters();
                p.setSNIMatchers(List.of(new SNIMatcher(0) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(p);
            }
        });
        secure.createContext("/", exchange -> answer(exchange, hosts, "x".repeat(1000)));
        secure.start();

        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("hooks", keys.getCertificate("hooks"));
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(trusted);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tm.getTrustManagers(), new SecureRandom());
        try (PinnedHttpClient client = new PinnedHttpClient(clientTls, Duration.ofSeconds(5))) {
            int port = secure.getAddress().getPort();
            // The certificate names hooks.test only, not 127.0.0.1: the check is the name's.
            Answer ok = post(client, URI.create("https://hooks.test:" + port + "/hook"), Duration.ofSeconds(5), 64);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).as("read up to the cap the caller asked for").hasSize(64);
            assertThat(serverNames).containsExactly("hooks.test");
            assertThat(hosts).containsExactly("hooks.test:" + port);
            assertThatThrownBy(() -> post(client, URI.create("https://other.test:" + port + "/hook"), Duration.ofSeconds(5), 64))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("other.test");
            assertThat(hosts).hasSize(1);
        } finally {
            secure.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, List<String> hosts, String text) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        hosts.add(exchange.getRequestHeaders().getFirst("Host"));
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Test
    void anAnswerThatNeverComesEndsTheAttemptAtItsDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, LOOPBACK);
                PinnedHttpClient client = new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> post(client, URI.create("http://hooks.test:" + silent.getLocalPort() + "/hook"),
                    Duration.ofMillis(300), 64)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void aRequestWithoutCheckedAddressesIsNotSent() throws Exception {
        try (PinnedHttpClient client = new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:9/hook"), List.of(), List.of(), BODY,
                    Duration.ofSeconds(5), 64).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("no checked address");
        }
    }
}
