package ai.aragora.storage.jdbc.statement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ai.aragora.storage.jdbc.StorageException;

/** Small JDBC helpers shared by the stores: binding, row mapping, timestamps as epoch nanoseconds. */
public final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** One statement for many rows: it is compiled once, which is most of an insert's cost on SQLite. */
    public static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bind(ps, i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        }
    }

    public static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Instant at) {
            ps.setLong(index, nanos(at));
        } else if (value instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (value instanceof Integer i) {
            ps.setInt(index, i);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Double d) {
            ps.setDouble(index, d);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else {
            throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName());
        }
    }

    /** Timestamps are stored as epoch nanoseconds: exact round trips, ordering by plain integers. */
    public static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : instant(v);
    }

    /** Whether {@code e} is a foreign key violation: the row refers to a record that does not exist. */
    public static boolean refersToNothing(SQLException e) {
        return "23503".equals(e.getSQLState()) || sqliteConstraint(e, "FOREIGN");
    }

    /** Whether {@code e} is a unique or primary key violation: the record already exists. */
    public static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState()) || sqliteConstraint(e, "UNIQUE") || sqliteConstraint(e, "PRIMARY");
    }

    private static boolean sqliteConstraint(SQLException e, String kind) {
        String text = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        return text.contains("SQLITE_CONSTRAINT") && text.contains(kind);
    }

    /**
     * A driver error as a {@link StorageException}: constraint violations become a plain
     * statement of what was wrong without the driver's text, which may quote the values.
     */
    public static StorageException translate(String where, SQLException e) {
        String state = e.getSQLState();
        String text = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        boolean constraint = (state != null && state.startsWith("23")) || text.contains("SQLITE_CONSTRAINT");
        if (constraint) {
            String what = isDuplicate(e) ? "already exists"
                    : refersToNothing(e) ? "refers to a record that does not exist"
                    : "has an invalid value";
            return new StorageException(where + ": the record " + what);
        }
        return new StorageException(where + ": database error" + (state == null ? "" : " (SQLState " + state + ")"), e);
    }
}
