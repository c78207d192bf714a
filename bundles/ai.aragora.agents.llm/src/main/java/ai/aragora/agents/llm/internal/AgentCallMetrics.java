package ai.aragora.agents.llm.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import ai.aragora.agents.llm.ChatReply;

import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/**
 * What LLM agent calls cost and how they fared, per agent: calls by outcome, latency, tokens
 * and US dollars (fallback included), and the fallback's own {@code aragora_fallback_*} series.
 */
@Component(service = {AgentCallMetrics.class, Collector.class})
public class AgentCallMetrics extends Collector {

    final Counter calls = Counter.build().name("aragora_agent_calls_total")
            .help("LLM agent calls by agent and outcome (ok or the failure kind)").labelNames("agent", "outcome").create();
    final Histogram callLatency = Histogram.build().name("aragora_agent_latency_seconds")
            .help("LLM agent call latency, retries and fallback included").labelNames("agent")
            .buckets(0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120).create();
    final Counter tokens = Counter.build().name("aragora_agent_tokens_total")
            .help("Tokens of LLM agent calls by agent and direction (input, output)").labelNames("agent", "direction").create();
    final Counter cost = Counter.build().name("aragora_agent_cost_usd_total")
            .help("US dollars of LLM agent calls, where the price is known").labelNames("agent").create();

    final Counter activations = Counter.build().name("aragora_fallback_activations_total")
            .help("Agent calls rerouted to the fallback provider, by agent and failure kind")
            .labelNames("agent", "reason").create();
    final Counter successes = Counter.build().name("aragora_fallback_success_total")
            .help("Rerouted agent calls the fallback provider answered").labelNames("agent").create();
    final Histogram latency = Histogram.build().name("aragora_fallback_latency_seconds")
            .help("Latency of rerouted agent calls on the fallback provider").labelNames("agent")
            .buckets(0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120).create();

    void called(String agent, String outcome, double seconds, ChatReply reply) {
        calls.labels(agent, outcome).inc();
        callLatency.labels(agent).observe(seconds);
        if (reply != null) {
            tokens.labels(agent, "input").inc(reply.inputTokens());
            tokens.labels(agent, "output").inc(reply.outputTokens());
            if (reply.costUsd() != null) {
                cost.labels(agent).inc(reply.costUsd());
            }
        }
    }

    void activated(String agent, String reason) {
        activations.labels(agent, reason).inc();
    }

    void finished(String agent, boolean success, double seconds) {
        if (success) {
            successes.labels(agent).inc();
        }
        latency.labels(agent).observe(seconds);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> all = new ArrayList<>(calls.collect());
        all.addAll(callLatency.collect());
        all.addAll(tokens.collect());
        all.addAll(cost.collect());
        all.addAll(activations.collect());
        all.addAll(successes.collect());
        all.addAll(latency.collect());
        return all;
    }
}
