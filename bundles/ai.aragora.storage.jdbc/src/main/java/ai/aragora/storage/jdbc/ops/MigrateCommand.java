package ai.aragora.storage.jdbc.ops;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.DatabaseUrl;
import ai.aragora.launcher.spi.UsageException;
import ai.aragora.storage.jdbc.BackendFactory;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;

/**
 * {@code aragora migrate status|apply|rollback|copy}: the schema history of every store. Rollback
 * reverts the last migration of one store when the backend ships its undo script, and
 * refuses (exit 1) when it does not. Copy moves every store into an empty PostgreSQL database
 * and verifies the result (docs/postgresql-migration.md).
 */
@Component(property = {Command.NAME + "=migrate",
        Command.SUMMARY + "=schema migrations: status | apply | rollback --store aragora|users|job_queue|decision_results"
                + " | copy --to postgresql://... [--batch N]"})
public class MigrateCommand implements Command {

    static final String HELP = "usage: aragora migrate status\n"
            + "       aragora migrate apply\n"
            + "       aragora migrate rollback --store " + String.join("|", Arrays.stream(Store.values()).map(Store::id).toList()) + "\n"
            + "       aragora migrate copy --to postgresql://user:pass@host:5432/db [--batch 500] [--sample 100]";

    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("store", "to", "batch", "sample");
    /** How long copy waits for the PostgreSQL client bundle, booted beside the store. */
    private static final long TARGET_WAIT_MS = 15_000;

    private final StorageBackend backend;
    private final AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + StorageBackend.NAME + "=postgres)")
    private volatile BackendFactory targets;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReceiptVerifier verifier;

    @Activate
    public MigrateCommand(@Reference StorageBackend backend,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditLog audit) {
        this.backend = backend;
        this.audit = audit;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            CommandLine a = SYNTAX.parse(args);
            String subcommand = a.single("one of status, apply, rollback, copy");
            return switch (subcommand) {
                case "status" -> status(out);
                case "apply" -> apply(out);
                case "rollback" -> rollback(a.value("store"), out, err);
                case "copy" -> copy(a, out, err);
                case "help" -> {
                    out.println(HELP);
                    yield OK;
                }
                default -> throw new UsageException("unknown subcommand '" + subcommand + "'");
            };
        } catch (UsageException e) {
            err.println("aragora migrate: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        } catch (StorageException e) {
            err.println("aragora migrate: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("aragora migrate: interrupted; run the same copy again to resume");
            return FAILED;
        } catch (RuntimeException e) {
            err.println("aragora migrate: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private int status(PrintStream out) {
        out.println("backend " + backend.name() + " at " + backend.location());
        out.printf("%-18s %-8s %-10s %-26s %s%n", "store", "version", "state", "installed", "description");
        int pending = 0;
        for (Store store : Store.values()) {
            for (Migrations.Status s : backend.migrations(store).status()) {
                out.printf("%-18s %-8s %-10s %-26s %s%n", store.id(), s.version(), s.state(), s.installedOn(), s.description());
                if (s.state().equalsIgnoreCase("pending")) {
                    pending++;
                }
            }
        }
        out.println(pending == 0 ? "up to date" : pending + " pending; apply with 'aragora migrate apply'");
        return OK;
    }

    private int apply(PrintStream out) {
        int total = 0;
        for (Store store : Store.values()) {
            int n = backend.migrations(store).apply();
            total += n;
            out.println(store.id() + ": " + (n == 0 ? "up to date" : "applied " + n));
        }
        OperatorAudit.record(audit, "storage.migrate.apply", backend.name(), "success", Map.of("migrations", String.valueOf(total)));
        return OK;
    }

    private int copy(CommandLine a, PrintStream out, PrintStream err) throws UsageException, InterruptedException {
        DatabaseUrl to = DatabaseUrl.parse(a.value("to").orElseThrow(() -> new UsageException("--to: copy needs the target database")),
                "--to");
        int batch = a.integer("batch", 500, 1, 10_000);
        int sample = a.integer("sample", 100, 0, 100_000);
        for (Store store : Store.values()) {
            if (backend.migrations(store).pending() > 0) {
                err.println("aragora migrate: " + store.id() + " has pending migrations: run 'aragora migrate apply' before copying");
                return FAILED;
            }
        }
        BackendFactory factory = awaitTargets();
        if (factory == null || verifier == null) {
            err.println("aragora migrate: copy needs the storage-tools feature and the receipt verifier, which did not start");
            return FAILED;
        }
        long started = System.nanoTime();
        out.println("copy from " + backend.name() + " at " + backend.location() + " to " + to.location());
        try (BackendFactory.Opened target = factory.open(to.jdbcUrl(), to.user(), to.password())) {
            StoreCopy copy = new StoreCopy(backend, target, batch, err);
            if (copy.prepareTarget()) {
                out.println("resuming an earlier copy");
            }
            List<StoreCopy.Table> tables = copy.plan();
            long rows = 0;
            for (StoreCopy.Table table : tables) {
                rows += copy.copy(table);
            }
            List<String> problems = new CopyVerification(backend, target, verifier, out).verify(tables, sample);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!problems.isEmpty()) {
                out.printf("COPY NOT VERIFIED: %d problems; the target keeps its progress, run copy again to resume%n", problems.size());
                OperatorAudit.record(audit, "storage.migrate.copy", to.location(), "failed", Map.of("problems", String.valueOf(problems.size())));
                return FAILED;
            }
            copy.finish();
            out.printf("copied and verified %d tables, %d rows in %.1f s%n", tables.size(), rows, seconds);
            OperatorAudit.record(audit, "storage.migrate.copy", to.location(), "success",
                    Map.of("tables", String.valueOf(tables.size()), "rows", String.valueOf(rows)));
            return OK;
        }
    }

    private BackendFactory awaitTargets() throws InterruptedException {
        long deadline = System.currentTimeMillis() + TARGET_WAIT_MS;
        while ((targets == null || verifier == null) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        return targets;
    }

    private int rollback(Optional<String> storeName, PrintStream out, PrintStream err) throws UsageException {
        String name = storeName.orElseThrow(() -> new UsageException("--store: rollback needs it"));
        Store store = Arrays.stream(Store.values()).filter(s -> s.id().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("--store: expected one of "
                        + String.join(", ", Arrays.stream(Store.values()).map(Store::id).toList()) + ", got '" + name + "'"));
        try {
            String version = backend.migrations(store).rollback();
            out.println(store.id() + ": rolled back version " + version);
            OperatorAudit.record(audit, "storage.migrate.rollback", store.id(), "success", Map.of("version", version));
            return OK;
        } catch (StorageException e) {
            OperatorAudit.record(audit, "storage.migrate.rollback", store.id(), "refused", Map.of());
            throw e;
        }
    }
}
