package ai.aragora.hotdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class RetirementTest {

    private static Retirement.Candidate c(long id, String name, String version) {
        return new Retirement.Candidate(id, name, Version.parseVersion(version), "file:/data/bundles/" + name + "-" + version + ".jar");
    }

    @Test
    void olderVersionsOfTheSameBundleAreSuperseded() {
        List<Retirement.Candidate> bundles = List.of(c(1, "a", "1.0.0"), c(2, "a", "2.0.0"), c(3, "a", "1.5.0"), c(4, "b", "1.0.0"));
        assertThat(Retirement.superseded(bundles)).extracting(Retirement.Candidate::id).containsExactlyInAnyOrder(1L, 3L);
    }

    @Test
    void anOlderJarDroppedNextToANewerOneIsTheOneRetired() {
        List<Retirement.Candidate> bundles = List.of(c(7, "a", "3.0.0"), c(9, "a", "2.0.0"));
        assertThat(Retirement.superseded(bundles)).extracting(Retirement.Candidate::id).containsExactly(9L);
    }

    @Test
    void loneBundlesAndEqualVersionsStay() {
        assertThat(Retirement.superseded(List.of(c(1, "a", "1.0.0")))).isEmpty();
        assertThat(Retirement.superseded(List.of(c(1, "a", "1.0.0"), c(2, "a", "1.0.0")))).isEmpty();
    }
}
