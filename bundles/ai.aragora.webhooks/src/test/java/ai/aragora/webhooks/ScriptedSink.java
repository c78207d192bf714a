package ai.aragora.webhooks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.api.webhook.WebhookSink;

/** Answers with the scripted responses in turn (200 once they run out), or holds every answer when told to. */
final class ScriptedSink implements WebhookSink {

    final List<SinkRequest> requests = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<SinkResponse>> held = new CopyOnWriteArrayList<>();
    private final Deque<Object> script = new ArrayDeque<>();
    volatile boolean hold;

    synchronized ScriptedSink then(SinkResponse response) {
        script.add(response);
        return this;
    }

    synchronized ScriptedSink thenFail(RuntimeException e) {
        script.add(e);
        return this;
    }

    @Override
    public CompletionStage<SinkResponse> send(SinkRequest request) {
        requests.add(request);
        if (hold) {
            CompletableFuture<SinkResponse> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        Object next;
        synchronized (this) {
            next = script.isEmpty() ? new SinkResponse(200, null, "ok") : script.poll();
        }
        return next instanceof RuntimeException e ? CompletableFuture.failedFuture(e)
                : CompletableFuture.completedFuture((SinkResponse) next);
    }
}
