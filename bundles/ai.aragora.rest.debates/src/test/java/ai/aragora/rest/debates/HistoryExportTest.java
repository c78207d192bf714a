package ai.aragora.rest.debates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;

class HistoryExportTest {

    private final List<DebateRecord> newestFirst = new ArrayList<>();

    private static DebateRecord debate(int i, Instant created) {
        return new DebateRecord("d-" + i, DebateSpec.builder("Question " + i).build(), "u", DebateStatus.COMPLETED, 1, true, created, created);
    }

    /** A store whose list pages {@link #newestFirst}; a debate is inserted at the top after the first page is read. */
    private DebateStore store() {
        int[] calls = {0};
        return (DebateStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DebateStore.class}, (proxy, m, args) -> {
            if (!m.getName().equals("list") || args.length != 4) {
                throw new UnsupportedOperationException(m.getName());
            }
            int offset = (int) args[2];
            int limit = (int) args[3];
            List<DebateRecord> page = newestFirst.subList(Math.min(offset, newestFirst.size()), Math.min(offset + limit, newestFirst.size()));
            List<DebateRecord> copy = List.copyOf(page);
            if (calls[0]++ == 0) {
                newestFirst.add(0, debate(9999, Instant.now().plusSeconds(60)));
            }
            return new Page<>(copy, newestFirst.size(), offset, limit);
        });
    }

    private String export(Instant since, boolean csv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HistoryExport(store(), "org-a", null, since, null, csv).write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDebateInsertedWhileExportingNeitherAppearsNorDuplicatesAnother() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 250; i >= 1; i--) {
            newestFirst.add(debate(i, t0.plusSeconds(i)));
        }
        String csv = export(null, true);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(251);
        assertThat(csv).doesNotContain("d-9999");
        assertThat(java.util.Arrays.stream(lines).skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count()).isEqualTo(250);
    }

    @Test
    void sinceStopsAtTheFirstOlderPageAndJsonIsAnArray() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 250; i >= 1; i--) {
            newestFirst.add(debate(i, t0.plusSeconds(i)));
        }
        String json = export(t0.plusSeconds(201), false);
        assertThat(json).startsWith("[").endsWith("]\n").contains("\"id\":\"d-250\"", "\"id\":\"d-201\"").doesNotContain("\"id\":\"d-200\"");
        assertThat(json.split("\"id\":").length - 1).isEqualTo(50);
    }
}
