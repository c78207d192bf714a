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
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.audit.AuditLog;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;

/**
 * {@code aragora migrate status|apply|rollback}: the schema history of every store. Rollback
 * reverts the last migration of one store when the backend ships its undo script, and
 * refuses (exit 1) when it does not.
 */
@Component(property = {Command.NAME + "=migrate",
        Command.SUMMARY + "=schema migrations: status | apply | rollback --store aragora|users|job_queue|decision_results"})
public class MigrateCommand implements Command {

    static final String HELP = "usage: aragora migrate status\n"
            + "       aragora migrate apply\n"
            + "       aragora migrate rollback --store " + String.join("|", Arrays.stream(Store.values()).map(Store::id).toList());

    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("store");

    private final StorageBackend backend;
    private final AuditLog audit;

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
            String subcommand = a.single("one of status, apply, rollback");
            return switch (subcommand) {
                case "status" -> status(out);
                case "apply" -> apply(out);
                case "rollback" -> rollback(a.value("store"), out, err);
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
