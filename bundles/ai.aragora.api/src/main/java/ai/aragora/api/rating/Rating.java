package ai.aragora.api.rating;

/** An agent's standing in one domain ({@code general} unless the debate names another). */
public record Rating(String agent, String domain, double elo, int wins, int losses, int draws, int games) {

    public static final double INITIAL_ELO = 1500;
    public static final String GENERAL = "general";

    public static Rating initial(String agent, String domain) {
        return new Rating(agent, domain, INITIAL_ELO, 0, 0, 0, 0);
    }

    public double winRate() {
        return games == 0 ? 0 : (double) wins / games;
    }
}
