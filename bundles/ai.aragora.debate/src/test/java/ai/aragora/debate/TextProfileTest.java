package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextProfileTest {

    @Test
    void citationsSourcesUrlsAndExamplesAreEvidence() {
        assertThat(TextProfile.of("Retries amplify outages [1] and [12].").evidence).isEqualTo(2);
        assertThat(TextProfile.of("See https://example.org/retry for details").evidence).isEqualTo(1);
        assertThat(TextProfile.of("According to the SRE book, back off.").evidence).isEqualTo(1);
        assertThat(TextProfile.of("For example, cap at three. E.g. two. Such as jitter.").evidence).isEqualTo(3);
        assertThat(TextProfile.of("Smith et al found the same (source: internal review)").evidence).isEqualTo(2);
        assertThat(TextProfile.of("[a] is not a reference, nor is a bare number 7").evidence).isZero();
    }

    @Test
    void quantitiesWithAUnitOrPercentAreEvidence() {
        TextProfile p = TextProfile.of("p99 fell 30% to 150 ms in 2 weeks; 4000 users");
        assertThat(p.evidence).isEqualTo(4);
        assertThat(p.specifics).isEqualTo(5);
        assertThat(TextProfile.of("it's fine, s is not a unit here").evidence).isZero();
    }

    @Test
    void hedgesHypeAndExclamationsAreVague() {
        assertThat(TextProfile.of("Generally this might work, it depends on various factors.").vague).isEqualTo(4);
        assertThat(TextProfile.of("Absolutely! Everyone agrees, trust me.").vague).isEqualTo(4);
        assertThat(TextProfile.of("Add a circuit breaker with a 10 s window.").vague).isZero();
    }

    @Test
    void qualitySeparatesSubstanceFromHollowAgreement() {
        assertThat(TextProfile.of(ScriptedAgent.HOLLOW).quality()).isLessThan(0.1);
        assertThat(TextProfile.of("a" + ScriptedAgent.SUBSTANTIATED).quality()).isGreaterThan(0.9);
        assertThat(TextProfile.of("We should adopt it because it is a reasonable approach for the team.").quality())
                .as("neither evidence nor hype").isCloseTo(0.2, within(1e-9));
    }

    @Test
    void similarityIsTheJaccardIndexOfDistinctWords() {
        TextProfile a = TextProfile.of("retry with jitter and backoff");
        assertThat(a.distinctWords()).isEqualTo(5);
        assertThat(a.similarity(TextProfile.of("Retry, with JITTER and backoff!"))).isEqualTo(1.0);
        assertThat(a.similarity(TextProfile.of("retry with jitter"))).isEqualTo(3.0 / 5);
        assertThat(a.similarity(TextProfile.of("queue everything"))).isZero();
        assertThat(TextProfile.of("").similarity(TextProfile.of("  "))).isEqualTo(1.0);
        assertThat(TextProfile.of("the the the").distinctWords()).isEqualTo(1);
    }

    @Test
    void nonAsciiLettersAreWords() {
        TextProfile p = TextProfile.of("Größe und Über-Prüfung");
        assertThat(p.wordCount).isEqualTo(4);
        assertThat(p.similarity(TextProfile.of("GRÖSSE"))).isZero();
        assertThat(p.similarity(TextProfile.of("größe und über prüfung"))).isEqualTo(1.0);
    }
}
