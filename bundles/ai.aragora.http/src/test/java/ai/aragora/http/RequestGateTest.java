package ai.aragora.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import ai.aragora.api.health.Readiness;

class RequestGateTest {

    private final AtomicInteger frameworkState = new AtomicInteger(Bundle.ACTIVE);
    private final RequestGate gate = new RequestGate(context());
    private final AtomicInteger passed = new AtomicInteger();
    private final FilterChain chain = (req, res) -> passed.incrementAndGet();

    @Test
    void everyRequestIsAStarting503UntilReadyThenTheGateStaysOpen() throws Exception {
        Answer noHealthYet = send();
        assertThat(noHealthYet.status).isEqualTo(503);
        assertThat(noHealthYet.headers).containsEntry("Retry-After", "1");
        assertThat(noHealthYet.body()).contains("\"code\":\"starting\"", "health: not running");

        List<String> waiting = new java.util.ArrayList<>(List.of("engine: no debate store"));
        gate.readiness = () -> List.copyOf(waiting);
        assertThat(send().body()).contains("\"error\":\"the server is starting; waiting for engine: no debate store\"");
        assertThat(passed).hasValue(0);

        waiting.clear();
        assertThat(send().status).isEqualTo(200);
        waiting.add("database: not answering");
        assertThat(send().status).as("once ready, later trouble is each route's own").isEqualTo(200);
        assertThat(passed).hasValue(2);
    }

    @Test
    void whileTheFrameworkStopsEveryRequestIsAStopping503() throws Exception {
        Readiness ready = List::of;
        gate.readiness = ready;
        assertThat(send().status).isEqualTo(200);
        frameworkState.set(Bundle.STOPPING);
        Answer stopping = send();
        assertThat(stopping.status).isEqualTo(503);
        assertThat(stopping.headers).containsEntry("Retry-After", "5").containsEntry("Connection", "close");
        assertThat(stopping.contentType).isEqualTo("application/json");
        assertThat(stopping.body()).isEqualTo("{\"error\":\"the server is stopping\",\"code\":\"stopping\",\"trace_id\":null}");
        assertThat(passed).hasValue(1);
        assertThat(gate.held()).as("what Jetty's own error answers say meanwhile").isSameAs(Held.STOPPING);
    }

    private Answer send() throws Exception {
        Answer answer = new Answer();
        gate.doFilter(null, answer.response(), chain);
        return answer;
    }

    private BundleContext context() {
        Bundle framework = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, m, args) -> m.getName().equals("getState") ? frameworkState.get() : null);
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, m, args) -> m.getName().equals("getBundle") ? framework : null);
    }

    /** What the gate answered; status 200 when it answered nothing itself. */
    private static final class Answer {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        String body() {
            return out.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse response() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                    (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "setContentType" -> contentType = (String) args[0];
                            case "getOutputStream" -> {
                                return stream;
                            }
                            default -> {
                            }
                        }
                        return null;
                    });
        }
    }
}
