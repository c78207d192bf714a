package ai.aragora.rest.debates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.ServiceUnavailableException;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;

/** A 201 only once the debate is stored: a failing or stuck store answers 503 naming the debate. */
class AwaitStoredTest {

    private static DebateHandle handle(CompletableFuture<Void> stored) {
        return new DebateHandle() {
            @Override
            public String id() {
                return "d-42";
            }

            @Override
            public DebateSpec spec() {
                return DebateSpec.builder("Should we ship?").build();
            }

            @Override
            public DebateStatus status() {
                return DebateStatus.RUNNING;
            }

            @Override
            public CompletionStage<Void> stored() {
                return stored;
            }

            @Override
            public CompletionStage<DebateResult> result() {
                return new CompletableFuture<>();
            }
        };
    }

    @Test
    void returnsOnceTheRecordIsStored() {
        DebatesResource.awaitStored(handle(CompletableFuture.completedFuture(null)), Duration.ofSeconds(1));
    }

    @Test
    void aFailingStoreAnswers503NamingTheDebate() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("disk full at /secret/path"));
        ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class,
                () -> DebatesResource.awaitStored(handle(failed), Duration.ofSeconds(1)));
        assertThat(e.getResponse().getStatus()).isEqualTo(503);
        assertThat(e.getResponse().getHeaderString("Retry-After")).isEqualTo("5");
        Map<?, ?> body = (Map<?, ?>) e.getResponse().getEntity();
        assertThat(body.get("error").toString()).contains("d-42").doesNotContain("/secret/path");
        assertThat(body.get("code")).isEqualTo("unavailable");
    }

    @Test
    void aStuckStoreAnswers503OnceTheWaitIsOver() {
        ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class,
                () -> DebatesResource.awaitStored(handle(new CompletableFuture<>()), Duration.ofMillis(50)));
        assertThat(e.getResponse().getStatus()).isEqualTo(503);
        assertThat(((Map<?, ?>) e.getResponse().getEntity()).get("error").toString()).contains("d-42");
    }
}
