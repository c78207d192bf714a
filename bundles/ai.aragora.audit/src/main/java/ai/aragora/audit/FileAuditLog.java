package ai.aragora.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.audit.AuditVerification;

/**
 * The audit log as files {@code audit-YYYY-MM-DD.jsonl} (UTC) in the audit dir. One writer
 * thread appends whatever is queued, syncs once, then acknowledges (group commit). The chain
 * runs across days: a day's first line links to the previous day's last. Every batch holds an
 * exclusive lock on {@code audit.lock} and re-reads the head from disk, so a command process
 * (backup, cleanup) and the server append to one chain. A line torn by a crash was never
 * acknowledged and is cut off before the next append.
 */
@Component(service = AuditLog.class, configurationPid = AuditConfig.PID)
public class FileAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    private static final String PREFIX = "audit-";
    private static final String SUFFIX = ".jsonl";
    private static final int MAX_BATCH = 512;
    private static final int TAIL_WINDOW = 256 * 1024;

    private record Entry(AuditEvent event, CompletableFuture<Void> done) {
    }

    private static final Entry STOP = new Entry(null, null);
    private static final ConcurrentMap<Path, Object> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Clock clock;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    @Activate
    public FileAuditLog(AuditConfig config) {
        this(Path.of(config.audit_dir().isBlank() ? "audit" : config.audit_dir()), Clock.systemUTC());
    }

    FileAuditLog(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the audit dir " + dir + ": " + e.getClass().getSimpleName());
        }
        this.writer = new Thread(this::loop, "aragora-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Deactivate
    void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletionStage<Void> record(AuditEvent event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the audit log is closed"));
        } else {
            queue.add(new Entry(event, done));
        }
        return done;
    }

    private void loop() {
        List<Entry> batch = new ArrayList<>();
        while (true) {
            try {
                Entry first = queue.take();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                try {
                    append(batch);
                    batch.forEach(e -> e.done().complete(null));
                } catch (IOException | RuntimeException e) {
                    LOG.error("audit log write failed: {}", e.toString());
                    batch.forEach(x -> x.done().completeExceptionally(e));
                }
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void append(List<Entry> batch) throws IOException {
        // File locks are held per process: writers in this JVM must also take turns among themselves.
        synchronized (PROCESS_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Object())) {
            appendLocked(batch);
        }
    }

    private void appendLocked(List<Entry> batch) throws IOException {
        try (FileChannel lockFile = FileChannel.open(dir.resolve("audit.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            AuditLine.Link head = head();
            Path file = dir.resolve(PREFIX + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + SUFFIX);
            boolean created = !Files.exists(file);
            if (created) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            }
            StringBuilder text = new StringBuilder();
            long seq = head.seq();
            String prev = head.hash();
            for (Entry e : batch) {
                String line = AuditLine.render(e.event(), ++seq, prev);
                prev = line.substring(line.length() - 66, line.length() - 2);
                text.append(line).append('\n');
            }
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(false);
            }
            if (created) {
                syncDirectory();
            }
        }
    }

    /** The last complete line of the newest non-empty file; a torn tail is cut first. */
    private AuditLine.Link head() throws IOException {
        List<Path> files = files();
        for (int i = files.size() - 1; i >= 0; i--) {
            String last = lastLine(files.get(i));
            if (last != null) {
                try {
                    return AuditLine.parse(last);
                } catch (IllegalArgumentException e) {
                    throw new IOException("the last audit line of " + files.get(i).getFileName() + " is damaged (" + e.getMessage()
                            + "); run 'aragora integrity-check' and repair before auditing resumes");
                }
            }
        }
        return new AuditLine.Link(0, AuditLine.GENESIS, AuditLine.GENESIS);
    }

    private static String lastLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return null;
            }
            int window = (int) Math.min(size, TAIL_WINDOW);
            ByteBuffer buf = ByteBuffer.allocate(window);
            ch.read(buf, size - window);
            byte[] tail = buf.array();
            int end = window;
            if (tail[end - 1] != '\n') {
                int cut = lastIndexOf(tail, end - 1, (byte) '\n');
                long keep = cut < 0 ? size - window : size - window + cut + 1;
                LOG.warn("audit file {} ends in a torn line from a crash; cutting it off (it was never acknowledged)", file.getFileName());
                ch.truncate(keep);
                ch.force(true);
                return lastLine(file);
            }
            int start = lastIndexOf(tail, end - 2, (byte) '\n') + 1;
            return new String(tail, start, end - 1 - start, StandardCharsets.UTF_8);
        }
    }

    private static int lastIndexOf(byte[] bytes, int from, byte b) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted().toList();
        }
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("the audit dir cannot be synced on this file system: {}", e.getMessage());
        }
    }

    @Override
    public AuditVerification verify() {
        List<String> problems = new ArrayList<>();
        long entries = 0;
        List<Path> files;
        try {
            files = files();
        } catch (IOException e) {
            return new AuditVerification(0, 0, List.of("the audit dir cannot be listed: " + e.getClass().getSimpleName()));
        }
        long seq = 0;
        String prev = AuditLine.GENESIS;
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    number++;
                    String where = file.getFileName() + " line " + number;
                    try {
                        AuditLine.Link link = AuditLine.parse(line);
                        if (link.seq() != seq + 1) {
                            problems.add(where + ": entry " + link.seq() + " follows " + seq + " (entries missing or reordered)");
                        }
                        if (!link.prev().equals(prev)) {
                            problems.add(where + ": does not link to the entry before it");
                        }
                        seq = link.seq();
                        prev = link.hash();
                        entries++;
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                    if (problems.size() >= 50) {
                        return new AuditVerification(files.size(), entries, problems);
                    }
                }
            } catch (IOException e) {
                problems.add(file.getFileName() + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new AuditVerification(files.size(), entries, problems);
    }
}
