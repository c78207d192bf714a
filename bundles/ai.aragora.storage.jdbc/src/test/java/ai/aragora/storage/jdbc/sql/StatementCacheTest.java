package ai.aragora.storage.jdbc.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatementCacheTest {

    /** What the connection underneath was asked, in order. */
    private final List<String> calls = new ArrayList<>();

    private Connection recordingConnection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
            if (m.getName().equals("prepareStatement")) {
                String sql = (String) args[0];
                calls.add("prepare " + sql);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, (ps, sm, sargs) -> {
                    calls.add(sm.getName() + " " + sql);
                    return sm.getReturnType() == int.class ? 1 : null;
                });
            }
            calls.add(m.getName());
            return m.getReturnType() == boolean.class ? false : null;
        });
    }

    @Test
    void aStatementIsPreparedOncePerSqlAndOnlyClearedWhenAWriteClosesIt() throws Exception {
        StatementCache cache = new StatementCache(recordingConnection());
        Connection c = cache.connection();
        for (int i = 0; i < 3; i++) {
            try (PreparedStatement ps = c.prepareStatement("INSERT a")) {
                ps.setInt(1, i);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT b")) {
            ps.executeUpdate();
        }
        c.close();
        c.commit();
        assertThat(calls.stream().filter(s -> s.startsWith("prepare"))).containsExactly("prepare INSERT a", "prepare INSERT b");
        assertThat(calls).doesNotContain("close INSERT a", "close").contains("clearParameters INSERT a", "commit");
        assertThat(cache.size()).isEqualTo(2);

        cache.close();
        assertThat(calls).contains("close INSERT a", "close INSERT b").endsWith("close");
    }

    @Test
    void tooManyDistinctStatementsStartTheCacheOver() throws Exception {
        try (StatementCache cache = new StatementCache(recordingConnection())) {
            for (int i = 0; i <= StatementCache.LIMIT; i++) {
                cache.connection().prepareStatement("SELECT " + i);
            }
            assertThat(cache.size()).isEqualTo(1);
            assertThat(calls).contains("close SELECT 0");
        }
    }
}
