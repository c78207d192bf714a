package ai.aragora.debate;

/** Who said a message of a debate's transcript: the roles the transcript and its readers know. */
final class Roles {

    static final String PROPOSER = "proposer";
    static final String CRITIC = "critic";
    static final String VOTER = "voter";
    static final String JUDGE = "judge";
    static final String TRICKSTER = "trickster";
    static final String SYSTEM = "system";

    private Roles() {
    }
}
