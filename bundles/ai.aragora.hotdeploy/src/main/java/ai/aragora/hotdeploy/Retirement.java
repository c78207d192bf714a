package ai.aragora.hotdeploy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.framework.Version;

/**
 * Which dropped-in bundles have been superseded: among bundles of one symbolic name that
 * came from the watched directory, every one but the highest version.
 */
final class Retirement {

    record Candidate(long id, String symbolicName, Version version, String location) {
    }

    private Retirement() {
    }

    static List<Candidate> superseded(List<Candidate> fromWatchedDirectory) {
        Map<String, List<Candidate>> byName = fromWatchedDirectory.stream()
                .collect(Collectors.groupingBy(Candidate::symbolicName));
        return byName.values().stream()
                .filter(group -> group.size() > 1)
                .flatMap(group -> {
                    Candidate newest = group.stream().max(Comparator.comparing(Candidate::version)).orElseThrow();
                    return group.stream().filter(c -> c != newest && c.version().compareTo(newest.version()) < 0);
                })
                .toList();
    }
}
