package ai.aragora.webhooks;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.webhooks.outbox.DeliveryState;

/** A running manager with a scripted http sink, for tests outside this package. */
public final class ManagedAccess implements AutoCloseable {

    private final Managed managed;
    private final ScriptedSink sink = new ScriptedSink();
    private final TestEncryption encryption = new TestEncryption();
    private volatile boolean failing;

    public ManagedAccess(Path dir, OutboundPolicy policy) {
        managed = new Managed(dir, policy, "");
        managed.manager.setEncryption(encryption);
        managed.sink("http", request -> failing
                ? java.util.concurrent.CompletableFuture.completedFuture(new SinkResponse(500, null, "down"))
                : sink.send(request));
    }

    public WebhookManager manager() {
        return managed.manager;
    }

    public void withoutEncryption() {
        managed.manager.unsetEncryption(encryption);
    }

    public void failEverything() {
        failing = true;
    }

    public void succeedAgain() {
        failing = false;
    }

    public int requests() {
        return sink.requests.size();
    }

    public SinkRequest awaitRequest(int n) throws InterruptedException {
        DeliveryStateMachineTest.waitFor(() -> sink.requests.size() >= n);
        return sink.requests.get(n - 1);
    }

    public void awaitDelivered(String subscriptionId, long n) throws InterruptedException {
        DeliveryStateMachineTest.waitFor(() -> managed.manager.deliveries().counts(subscriptionId).get(DeliveryState.DELIVERED) >= n);
    }

    public void awaitDeadLetters(int n) throws InterruptedException {
        DeliveryStateMachineTest.waitFor(() -> managed.manager.deliveries().deadLetters(null, 100).size() >= n);
    }

    public String rawSubscriptionRow(String id) {
        return managed.backend.database(Store.ARAGORA).read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM webhook_subscriptions WHERE id = '" + id + "'")) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        out.append(rs.getString(i)).append('|');
                    }
                }
                return out.toString();
            }
        });
    }

    @Override
    public void close() throws Exception {
        managed.close();
    }
}
