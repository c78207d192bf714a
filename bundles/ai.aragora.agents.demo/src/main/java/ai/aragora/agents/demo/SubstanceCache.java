package ai.aragora.agents.demo;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The substance of recently seen proposals. Every voter and critic of a round reads the same
 * proposal objects, so each is measured about once instead of a dozen times.
 */
final class SubstanceCache {

    private record Scored(String text, double substance) {
    }

    private final AtomicReferenceArray<Scored> slots = new AtomicReferenceArray<>(256);

    double of(String text) {
        int slot = text.hashCode() & (slots.length() - 1);
        Scored scored = slots.get(slot);
        // the very same object: proposals reach every agent as the strings their author wrote
        if (scored != null && scored.text == text) {
            return scored.substance;
        }
        double substance = DemoWriter.substance(text);
        slots.set(slot, new Scored(text, substance));
        return substance;
    }
}
