package ai.aragora.storage.jdbc.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.sql.MergeableWork;

/**
 * One append to a debate's transcript: its messages, events, critiques and votes, after a check
 * (and on PostgreSQL a lock) that the debate exists, so that a delete cannot leave the rows
 * behind (aragora migration 11). A run of appends that one group commit takes together checks
 * its debates in one statement (32 at a time) and inserts each table's rows in one: a running
 * debate appends once per agent's answer, and a statement or five each time were about a third
 * of PostgreSQL's CPU a debate (decision 0027, 2026-12-08).
 */
final class TranscriptAppend implements MergeableWork {

    private final String debateId;
    private final String lockRow;
    private final List<Object[]> messages;
    private final List<Object[]> events;
    private final DebateRows.Tallies tallies;

    /** Rows are built here, on the caller's thread, not the writer's. */
    TranscriptAppend(String debateId, String lockRow, List<Message> messages, List<DebateEvent> events) {
        this.debateId = debateId;
        this.lockRow = lockRow;
        this.messages = DebateRows.messageRows(debateId, messages);
        this.events = DebateRows.eventRows(debateId, events, messages);
        this.tallies = DebateRows.Tallies.of(debateId, events);
    }

    @Override
    public Void run(Connection c) throws SQLException {
        runMerged(c, List.of(this));
        return null;
    }

    @Override
    public void runMerged(Connection c, List<MergeableWork> works) throws SQLException {
        List<TranscriptAppend> appends = new ArrayList<>(works.size());
        works.forEach(w -> appends.add((TranscriptAppend) w));
        // sorted: transactions that lock several of the same debates take them in one order
        TreeSet<String> debates = new TreeSet<>();
        appends.forEach(a -> debates.add(a.debateId));
        Set<String> missing = DebateRows.lockAll(c, debates, lockRow);
        if (!missing.isEmpty()) {
            throw new StorageException("no debate " + String.join(", ", missing));
        }
        List<Object[]> messageRows = new ArrayList<>();
        List<Object[]> eventRows = new ArrayList<>();
        List<Object[]> critiques = new ArrayList<>();
        List<Object[]> votes = new ArrayList<>();
        for (TranscriptAppend a : appends) {
            messageRows.addAll(a.messages);
            eventRows.addAll(a.events);
            critiques.addAll(a.tallies.critiques());
            votes.addAll(a.tallies.votes());
        }
        DebateRows.insertMessageRows(c, messageRows);
        DebateRows.insertEvents(c, eventRows);
        new DebateRows.Tallies(critiques, votes).insert(c);
    }
}
