package ai.aragora.rest.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.debate.DebateService;

import ai.aragora.api.agent.AgentInfo;

class AgentDirectoryViewTest {

    @Test
    void versionsCompareNumerically() {
        assertThat(AgentDirectoryView.compareVersions("1.10.0", "1.9.3")).isPositive();
        assertThat(AgentDirectoryView.compareVersions("2.0", "2.0.0")).isZero();
        assertThat(AgentDirectoryView.compareVersions("1.0.0.SNAPSHOT", "1.0.0")).isPositive();
    }

    @Test
    void theNewerOfTwoAgentsWithOneNameWins() {
        AgentInfo v1 = new AgentInfo("claude", "anthropic", "m", "anthropic", "1.0.0");
        AgentInfo v2 = new AgentInfo("claude", "anthropic", "m", "anthropic", "2.0.0");
        assertThat(AgentDirectoryView.newer(v1, v2)).isSameAs(v2);
        assertThat(AgentDirectoryView.newer(v2, v1)).isSameAs(v2);
    }

    @Test
    void anAgentIsListedOnlyOnceTheEngineAcceptsIt() {
        AgentDirectoryView view = new AgentDirectoryView();
        view.addAgent(agent(new AgentInfo("hot-agent", "hot", "m", "hot", "1.0.0")));
        view.addAgent(agent(new AgentInfo("demo-critical", "demo", "m", "demo", "1.0.0")));
        assertThat(view.current()).extracting(AgentInfo::name).as("no engine: every registered agent")
                .containsExactly("demo-critical", "hot-agent");

        Set<String> known = new HashSet<>(Set.of("demo-critical"));
        DebateService engine = (DebateService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DebateService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("accepts")) {
                        return known.contains((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        view.bindEngine(engine);
        assertThat(view.current()).extracting(AgentInfo::name).as("registered, not yet bound by the engine").containsExactly("demo-critical");
        known.add("hot-agent");
        assertThat(view.current()).extracting(AgentInfo::name).containsExactly("demo-critical", "hot-agent");
        view.unbindEngine(engine);
        known.clear();
        assertThat(view.current()).hasSize(2);
    }

    private static Agent agent(AgentInfo info) {
        return (Agent) Proxy.newProxyInstance(AgentDirectoryViewTest.class.getClassLoader(), new Class<?>[] {Agent.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "info" -> info;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
