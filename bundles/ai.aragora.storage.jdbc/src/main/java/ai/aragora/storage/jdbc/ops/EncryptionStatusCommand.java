package ai.aragora.storage.jdbc.ops;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.api.crypto.FieldCensus;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.KeyUsage;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora encryption status}: the active key, every key that decrypts and its usage, and
 * per store how many fields are sealed under which key and how many are still plaintext.
 */
@Component(property = {Command.NAME + "=encryption", Command.SUMMARY + "=" + EncryptionStatusCommand.SUMMARY})
public class EncryptionStatusCommand implements Command {

    static final String SUMMARY = "encryption keys and what is sealed under each: encryption status [--verify]";
    static final String HELP = "usage: aragora encryption status [--verify]   (--verify opens every sealed field)";
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().flag("verify");
    static final int BATCH = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile FieldEncryption encryption;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<EncryptedFieldSource> sources;

    public EncryptionStatusCommand() {
    }

    /** Outside the framework (tests): the command over the provider and stores at hand. */
    public static EncryptionStatusCommand with(FieldEncryption encryption, List<EncryptedFieldSource> sources) {
        EncryptionStatusCommand command = new EncryptionStatusCommand();
        command.encryption = encryption;
        command.sources = sources;
        return command;
    }

    /** Opens every sealed field; unreadable ones by error type (unknown key ones included). */
    private static Map<String, Long> verify(EncryptedFieldSource source, FieldEncryption provider) {
        Map<String, Long> failed = new TreeMap<>();
        String cursor = null;
        do {
            EncryptedFieldSource.Batch batch = source.fields(cursor, BATCH);
            for (StoredField f : batch.fields()) {
                try {
                    Envelope.from(f.stored()).ifPresent(e -> provider.decrypt(e, f.context()));
                } catch (EncryptionException e) {
                    failed.merge(e.kind().label(), 1L, Long::sum);
                }
            }
            cursor = batch.next();
        } while (cursor != null);
        return failed;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean verify;
        try {
            CommandLine a = SYNTAX.parse(args);
            if (!a.single("the subcommand 'status'").equals("status")) {
                throw new UsageException("unknown subcommand '" + a.positional().get(0) + "'");
            }
            verify = a.has("verify");
        } catch (UsageException e) {
            err.println("aragora encryption: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        FieldEncryption provider = encryption;
        if (provider == null) {
            err.println("aragora encryption: no encryption provider is running (see ARAGORA_ENCRYPTION_KEY)");
            return FAILED;
        }
        try {
            String active = provider.activeKeyId();
            out.println("active key: " + active);
            for (KeyUsage k : provider.usage()) {
                out.println("key " + k.keyId() + (k.active() ? " (active)" : " (decrypts only)") + ": " + k.encryptions()
                        + " encryptions counted of " + k.limit() + String.format(" (%.1f %%)", 100 * k.used()));
            }
            List<EncryptedFieldSource> registered = sources == null ? List.of() : new ArrayList<>(sources);
            if (registered.isEmpty()) {
                out.println("no store with encrypted fields is registered");
            }
            long unreadable = 0;
            for (EncryptedFieldSource source : registered) {
                FieldCensus c = source.census(BATCH);
                StringBuilder line = new StringBuilder(c.source() + ": " + c.total() + " fields");
                for (Map.Entry<String, Long> k : c.byKeyId().entrySet()) {
                    String note = k.getKey().equals(active) ? "" : provider.decryptionKeyIds().contains(k.getKey())
                            ? " (old key)" : " (key not configured: unreadable)";
                    line.append(", ").append(k.getValue()).append(" under ").append(k.getKey()).append(note);
                    if (!provider.decryptionKeyIds().contains(k.getKey())) {
                        unreadable += k.getValue();
                    }
                }
                line.append(", ").append(c.plaintext()).append(" plaintext");
                if (c.malformed() > 0) {
                    line.append(", ").append(c.malformed()).append(" malformed");
                    unreadable += c.malformed();
                }
                line.append("; ").append(c.pending(active)).append(" left for encrypt-existing");
                out.println(line);
                if (verify) {
                    Map<String, Long> failed = verify(source, provider);
                    out.println(c.source() + ": opened every sealed field: " + (failed.isEmpty() ? "all readable"
                            : failed.entrySet().stream().map(f -> f.getValue() + " " + f.getKey()).toList() + " unreadable"));
                    unreadable += failed.values().stream().mapToLong(Long::longValue).sum();
                }
            }
            return unreadable == 0 ? OK : FAILED;
        } catch (RuntimeException e) {
            err.println("aragora encryption: failed: " + e.getMessage());
            return FAILED;
        }
    }
}
