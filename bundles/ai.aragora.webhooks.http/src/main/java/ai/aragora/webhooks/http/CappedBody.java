package ai.aragora.webhooks.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Reads an answer's body up to a cap, then stops reading: a receiver cannot make us buffer megabytes. */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

    private final int cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int cap) {
        this.cap = cap;
    }

    static HttpResponse.BodyHandler<String> handler(int cap) {
        return info -> new CappedBody(cap);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int take = Math.min(b.remaining(), cap - bytes.size());
            byte[] chunk = new byte[take];
            b.get(chunk);
            bytes.write(chunk, 0, take);
        }
        if (bytes.size() >= cap) {
            complete();
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable t) {
        if (!result.isDone()) {
            // The status and headers arrived: what came of the body is enough.
            complete();
        }
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        result.complete(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }
}
