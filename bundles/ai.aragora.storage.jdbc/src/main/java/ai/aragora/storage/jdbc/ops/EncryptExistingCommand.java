package ai.aragora.storage.jdbc.ops;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.storage.IntegrationStore;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;
import io.prometheus.client.Collector;

/**
 * {@code aragora encrypt-existing --all | --integration-store | --webhook-secrets [--execute]}:
 * seals plaintext credentials and re-seals those under old keys with the active key. A dry run
 * unless {@code --execute}. Runs beside a serving server: every write replaces a field only if it
 * is still what was read.
 */
@Component(property = {Command.NAME + "=encrypt-existing", Command.SUMMARY + "=" + EncryptExistingCommand.SUMMARY})
public class EncryptExistingCommand implements Command {

    static final String SUMMARY = "seal plaintext and re-seal old-key fields with the active key:"
            + " encrypt-existing --all | --integration-store | --webhook-secrets [--execute] [--batch-size N]";
    static final String HELP = "usage: aragora encrypt-existing --all | --integration-store | --webhook-secrets [--execute] [--batch-size 500]";
    /** The sources the options name; a source registers under its option's name. */
    static final List<String> SOURCES = List.of(IntegrationStore.FIELD_SOURCE, "webhook-secrets");
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().flag("all", "execute").flag(SOURCES.toArray(new String[0]))
            .value("batch-size");

    private final AuditLog audit;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final Reencryption.Metrics metrics = new Reencryption.Metrics();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile FieldEncryption encryption;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<EncryptedFieldSource> sources;

    @Activate
    public EncryptExistingCommand(BundleContext context,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditLog audit) {
        this.audit = audit;
        for (Collector c : metrics.collectors()) {
            registrations.add(context.registerService(Collector.class, c, null));
        }
    }

    /** Outside the framework (tests): the command over the provider and stores at hand. */
    public static EncryptExistingCommand with(FieldEncryption encryption, List<EncryptedFieldSource> sources, AuditLog audit) {
        return new EncryptExistingCommand(encryption, sources, audit);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private EncryptExistingCommand(FieldEncryption encryption, List<EncryptedFieldSource> sources, AuditLog audit) {
        this.encryption = encryption;
        this.sources = sources;
        this.audit = audit;
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> wanted = new ArrayList<>();
        boolean execute;
        int batch;
        try {
            CommandLine a = SYNTAX.parse(args);
            a.noPositional();
            SOURCES.stream().filter(a::has).forEach(wanted::add);
            if (a.has("all") == !wanted.isEmpty()) {
                throw new UsageException("say --all, or which stores: " + String.join(", ", SOURCES.stream().map(CommandLine::display).toList()));
            }
            if (a.has("all")) {
                wanted.addAll(SOURCES);
            }
            execute = a.has("execute");
            batch = a.integer("batch-size", 500, 1, 100_000);
        } catch (UsageException e) {
            err.println("aragora encrypt-existing: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        FieldEncryption provider = encryption;
        if (provider == null) {
            err.println("aragora encrypt-existing: no encryption provider is running (see ARAGORA_ENCRYPTION_KEY)");
            return FAILED;
        }
        Map<String, EncryptedFieldSource> byName = new LinkedHashMap<>();
        List<EncryptedFieldSource> registered = sources;
        (registered == null ? List.<EncryptedFieldSource>of() : registered).forEach(s -> byName.putIfAbsent(s.name(), s));
        out.println((execute ? "" : "dry run: ") + "active key " + provider.activeKeyId() + "; keys that decrypt: "
                + String.join(", ", provider.decryptionKeyIds()));
        Reencryption migration = new Reencryption(provider, batch, metrics);
        long failures = 0;
        try {
            for (String name : wanted) {
                EncryptedFieldSource source = byName.get(name);
                if (source == null) {
                    out.println(name + ": no such store is registered in this server; nothing to do");
                    continue;
                }
                Reencryption.Outcome o = migration.run(source, execute, err);
                failures += o.failures();
                out.println(summary(o, execute));
                if (execute) {
                    OperatorAudit.record(audit, "encryption.migrate", name, o.failures() == 0 ? "success" : "partial",
                            details(o, provider.activeKeyId()));
                }
            }
        } catch (RuntimeException e) {
            err.println("aragora encrypt-existing: failed: " + e.getMessage());
            return FAILED;
        }
        if (!execute) {
            out.println("dry run: nothing changed; run with --execute to seal and re-seal");
        }
        return failures == 0 ? OK : FAILED;
    }

    private static String summary(Reencryption.Outcome o, boolean execute) {
        String verb = execute ? "" : "would be ";
        StringBuilder line = new StringBuilder(o.source() + ": " + o.fields() + " fields; " + o.sealed() + " plaintext " + verb
                + "sealed, " + o.resealed() + " " + verb + "re-sealed from old keys, " + o.current() + " already under the active key");
        if (o.changedMeanwhile() > 0) {
            line.append(", ").append(o.changedMeanwhile()).append(" changed meanwhile (left as written; rerun to check)");
        }
        o.failed().forEach((type, n) -> line.append(", ").append(n).append(" unreadable (").append(type).append(")"));
        if (!o.missingKeys().isEmpty()) {
            line.append("; sealed under keys not configured: ").append(String.join(", ", o.missingKeys()));
        }
        return line.toString();
    }

    private static Map<String, String> details(Reencryption.Outcome o, String activeKeyId) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("active_key_id", activeKeyId);
        d.put("fields", String.valueOf(o.fields()));
        d.put("sealed", String.valueOf(o.sealed()));
        d.put("resealed", String.valueOf(o.resealed()));
        d.put("changed_meanwhile", String.valueOf(o.changedMeanwhile()));
        d.put("failed", String.valueOf(o.failures()));
        return d;
    }
}
