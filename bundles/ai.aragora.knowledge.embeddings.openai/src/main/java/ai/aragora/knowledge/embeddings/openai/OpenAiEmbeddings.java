package ai.aragora.knowledge.embeddings.openai;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.knowledge.EmbeddingProvider;
import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.CircuitOpenException;
import ai.aragora.api.resilience.FailureVerdict;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.resilience.RetryPolicy;

/**
 * Embeddings from an OpenAI-compatible server: texts in batches of {@code batch.size}, each
 * request through the resilience service (its retry loop and a breaker of group
 * {@value #GROUP}). Registered only when configured, so without configuration the mound stays
 * lexical only and says so.
 */
@Component(service = EmbeddingProvider.class, configurationPid = OpenAiEmbeddingsConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OpenAiEmbeddingsConfig.class)
public class OpenAiEmbeddings implements EmbeddingProvider {

    static final String GROUP = "knowledge.embeddings";
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiEmbeddings.class);

    private final Resilience resilience;
    private final EmbeddingsEndpoint endpoint;
    private final CircuitBreaker breaker;
    private final RetryPolicy retries;
    private final String model;
    private final int dimensions;
    private final int batchSize;
    private final Duration timeout;

    @Activate
    public OpenAiEmbeddings(@Reference Resilience resilience, OpenAiEmbeddingsConfig config) {
        this(resilience, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(),
                config.base_url(), config.model(), config.dimensions(), config._api_key(), config.batch_size(),
                Duration.ofSeconds(config.timeout_seconds()), config.max_attempts());
    }

    OpenAiEmbeddings(Resilience resilience, HttpClient client, String baseUrl, String model, int dimensions, String apiKey,
            int batchSize, Duration timeout, int maxAttempts) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be empty");
        }
        this.resilience = resilience;
        this.model = model.trim();
        this.dimensions = dimensions;
        this.batchSize = Math.max(1, batchSize);
        this.timeout = timeout;
        this.endpoint = new EmbeddingsEndpoint(client, baseUrl, this.model, dimensions, apiKey, timeout);
        this.breaker = resilience.breaker(GROUP, this.model + "@" + endpoint.uri().getHost(), BreakerSettings.DEFAULT);
        this.retries = new RetryPolicy(maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(10), 2.0, 0.2);
        LOG.info("embeddings: {} ({} dimensions) at {}", this.model, dimensions, endpoint.uri());
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            vectors.addAll(batch(texts.subList(from, Math.min(texts.size(), from + batchSize))));
        }
        return vectors;
    }

    private List<float[]> batch(List<String> texts) {
        // Room for every attempt and the waits between them; the loop starts none it cannot finish.
        Instant deadline = Instant.now().plus(timeout.multipliedBy(retries.maxAttempts())).plus(retries.maxDelay());
        try {
            return resilience.execute(breaker, retries, deadline, OpenAiEmbeddings::classify, () -> endpoint.embed(texts))
                    .toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException(model + ": interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof EmbeddingException failed) {
                throw failed;
            }
            if (cause instanceof CircuitOpenException open) {
                throw new EmbeddingException(model + ": " + open.getMessage());
            }
            throw new EmbeddingException(model + ": " + cause.getClass().getSimpleName());
        }
    }

    private static FailureVerdict classify(Throwable failure) {
        return failure instanceof EmbeddingsEndpoint.Failure f ? f.verdict : FailureVerdict.FATAL;
    }
}
