package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.ComponentContext;

import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatCompletions;
import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.ProviderRegistration;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Turn;

/** The registrations a provider bundle gets through its own instance of the service. */
class ChatProvidersServiceTest {

    /** A bundle context that keeps the services registered through it, live until unregistered. */
    private static final class Registry {
        final List<Object[]> live = new ArrayList<>();
        final BundleContext context;

        Registry(String version) {
            Bundle bundle = proxy(Bundle.class, (name, args) -> name.equals("getVersion") ? Version.parseVersion(version) : null);
            context = proxy(BundleContext.class, (name, args) -> {
                if (name.equals("getBundle")) {
                    return bundle;
                }
                if (name.equals("registerService")) {
                    Object[] entry = {args[0], args[1], args[2]};
                    live.add(entry);
                    return proxy(ServiceRegistration.class, (n, a) -> {
                        if (n.equals("unregister")) {
                            live.remove(entry);
                        }
                        return null;
                    });
                }
                throw new UnsupportedOperationException(name);
            });
        }

        List<Object> services(Class<?> type) {
            return live.stream().filter(e -> e[0] == type).map(e -> e[1]).toList();
        }

        Dictionary<?, ?> properties(Class<?> type) {
            return (Dictionary<?, ?>) live.stream().filter(e -> e[0] == type).findFirst().orElseThrow()[2];
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> method.getName().equals("equals") ? self == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(self)
                        : answer.answer(method.getName(), args)));
    }

    private final Registry provider = new Registry("2.3.0");
    private final Registry library = new Registry("0.1.0");
    private final ChatProvidersService service = new ChatProvidersService(proxy(ComponentContext.class, (name, args) -> {
        Bundle using = proxy(Bundle.class, (n, a) -> n.equals("getBundleContext") ? provider.context : null);
        return name.equals("getUsingBundle") ? using : name.equals("getBundleContext") ? library.context : null;
    }), new AgentCalls() {
        @Override
        public CompletionStage<ChatReply> complete(AgentInfo agent, ChatEndpoint primary, ChatRequest request, String fallbackModel,
                Turn turn) {
            throw new AssertionError("no call is made");
        }

        @Override
        public HttpClient http() {
            return HttpClient.newHttpClient();
        }
    });

    private static ProviderSettings settings(String key) {
        return ProviderSettings.of("itest", "ai.aragora.itest", "ITEST_API_KEY", key, "http://127.0.0.1:9/v1", Map.of(), 30,
                new String[] {"m=1:2"}, new AgentSettings("itest-agent", "m", "m", null, 256, 0.5, false));
    }

    @Test
    void agentsAreRegisteredByTheProviderBundleWithItsVersionAndFallbackOnlyWhenOffered() {
        ProviderRegistration registration = service.register(settings("sk-itest"), ChatCompletions.STANDARD);

        assertThat(provider.services(Agent.class)).hasSize(1);
        assertThat(provider.properties(Agent.class).get(Agent.VERSION)).isEqualTo("2.3.0");
        assertThat(library.services(AgentProvider.class)).hasSize(1);
        assertThat(library.services(ManagedServiceFactory.class)).hasSize(1);
        assertThat(library.services(FallbackChat.class)).isEmpty();

        registration.offerAsFallback();
        assertThat(library.services(FallbackChat.class)).singleElement()
                .satisfies(chat -> assertThat(((FallbackChat) chat).provider()).isEqualTo("itest"));

        registration.close();
        assertThat(provider.live).isEmpty();
        assertThat(library.live).isEmpty();
    }

    @Test
    void aProviderWithoutItsKeyRegistersNoAgentsAndCannotBeTheFallback() {
        ProviderRegistration registration = service.register(settings(""), ChatCompletions.STANDARD);
        registration.offerAsFallback();

        assertThat(provider.live).isEmpty();
        assertThat(library.services(AgentProvider.class)).singleElement()
                .satisfies(p -> assertThat(((AgentProvider) p).status().detail()).contains("ITEST_API_KEY"));
        assertThat(library.services(FallbackChat.class)).isEmpty();
    }

    @Test
    void whatAProviderLeftRegisteredGoesWhenItStopsUsingTheService() {
        service.register(settings("sk-itest"), ChatCompletions.STANDARD).offerAsFallback();

        service.deactivate();

        assertThat(provider.live).isEmpty();
        assertThat(library.live).isEmpty();
    }
}
