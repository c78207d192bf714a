package ai.aragora.agents.demo;

import java.util.Locale;

/**
 * How each demo agent argues: its stances, its plan, how hard it critiques and how it votes.
 * The hollow style agrees loudly and never brings evidence.
 */
enum DemoStyle {

    SUPPORTIVE(new String[] {"Yes, adopt it", "Adopt it now", "Go ahead with it"},
            "Plan: pilot it, track 2 success metrics, then roll out to everyone within 6 weeks.",
            1, 3, 0.75, 0.20, "is ready to go; its evidence carries it", "it is well supported and ready"),
    CRITICAL(new String[] {"Adopt it only behind safeguards", "Not before it is measured", "Proceed only with a rollback path"},
            "Plan: define a kill switch and 3 guard metrics first, and stop if errors rise above 0.5%.",
            5, 8, 0.55, 0.25, "holds up best under scrutiny", "its risks are the best controlled"),
    BALANCED(new String[] {"Adopt it with conditions", "Adopt it in stages", "Pilot it first, then decide"},
            "Plan: stage it over 3 releases, keep the old path for 30 days and review the numbers at each step.",
            3, 5, 0.65, 0.20, "weighs benefits and risks most evenly", "it balances speed and safety"),
    CONTRARIAN(new String[] {"Do not adopt it as framed", "Keep the current approach for now", "Solve the underlying problem instead"},
            "Plan: fix the root cause first and revisit this in 1 quarter with fresh data.",
            6, 9, 0.50, 0.20, "is the only one that questions the premise", "the consensus view is untested"),
    HOLLOW(new String[] {"Absolutely yes", "Definitely, obviously yes", "Yes, clearly"},
            "It is simply the best idea and everyone agrees, so let us just do it!",
            0, 1, 0.99, 0.0, "is obviously great, everyone agrees", "it is clearly the best, trust me");

    final String[] stances;
    final String plan;
    final int minSeverity;
    final int maxSeverity;
    final double baseConfidence;
    final double confidenceSpread;
    final String praise;
    final String because;

    DemoStyle(String[] stances, String plan, int minSeverity, int maxSeverity, double baseConfidence,
            double confidenceSpread, String praise, String because) {
        this.stances = stances;
        this.plan = plan;
        this.minSeverity = minSeverity;
        this.maxSeverity = maxSeverity;
        this.baseConfidence = baseConfidence;
        this.confidenceSpread = confidenceSpread;
        this.praise = praise;
        this.because = because;
    }

    /** The style of a demo agent's name, or null for any other agent. */
    static DemoStyle named(String agent) {
        for (DemoStyle style : values()) {
            if (style.agentName().equals(agent)) {
                return style;
            }
        }
        return null;
    }

    /** The agent name this style registers under: {@code demo-supportive} ... */
    String agentName() {
        return "demo-" + name().toLowerCase(Locale.ROOT);
    }
}
