package ai.aragora.webhooks;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import ai.aragora.webhooks.client.PinnedHttpClient;
import ai.aragora.webhooks.http.HttpSink;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;

/** The child process of {@link KillDuringDeliveryTest}: delivers from the outbox in {@code args[0]} until it is killed. */
public final class CrashingSender {

    private CrashingSender() {
    }

    public static void main(String[] args) throws Exception {
        Managed m = new Managed(Path.of(args[0]), new OutboundRules(AllowedHosts.parse("127.0.0.1"), false,
                InetAddress::getAllByName), "");
        m.manager.setEncryption(new TestEncryption());
        m.sink("http", new HttpSink(new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(10)), 4096, Clock.systemUTC()));
        System.out.println("sending");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
