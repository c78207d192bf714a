package ai.aragora.agents.llm.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * US dollars per million input and output tokens, by model; entries are written
 * {@code model=input:output} (e.g. {@code claude-sonnet-4-5=3:15}) in provider configurations.
 * A model is found by exact name, else by the longest configured prefix (dated snapshots).
 */
public final class PriceTable {

    private record Price(double input, double output) {
    }

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** Parses the entries; a malformed one is an error naming it, not a silent zero cost. */
    public static PriceTable parse(String... entries) {
        Map<String, Price> prices = new HashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            String[] parts = eq < 0 ? new String[0] : entry.substring(eq + 1).split(":");
            try {
                if (eq <= 0 || parts.length != 2) {
                    throw new NumberFormatException();
                }
                double input = Double.parseDouble(parts[0].trim());
                double output = Double.parseDouble(parts[1].trim());
                if (!(input >= 0 && output >= 0) || Double.isInfinite(input) || Double.isInfinite(output)) {
                    throw new NumberFormatException();
                }
                prices.put(entry.substring(0, eq).trim(), new Price(input, output));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("price entry '" + entry + "' must look like model=input:output (US$ per million tokens)");
            }
        }
        return new PriceTable(prices);
    }

    /** The cost of a call, or null when the model has no price. */
    public Double cost(String model, long inputTokens, long outputTokens) {
        Price price = model == null ? null : lookup(model);
        if (price == null) {
            return null;
        }
        return (inputTokens * price.input() + outputTokens * price.output()) / 1_000_000.0;
    }

    private Price lookup(String model) {
        Price exact = prices.get(model);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String known : prices.keySet()) {
            if (model.startsWith(known) && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best == null ? null : prices.get(best);
    }
}
