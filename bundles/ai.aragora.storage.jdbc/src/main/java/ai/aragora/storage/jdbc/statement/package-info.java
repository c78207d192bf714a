/**
 * Statements on a store's connection as every store writes them: arguments bound one way
 * (instants as epoch nanoseconds, enums by name, booleans as 0/1), rows mapped, driver errors
 * translated without quoting values. Exported for bundles that keep their own tables in a store
 * (the webhook subscriptions and outbox), so a row means the same whoever wrote it (decision 0030).
 */
@Version("1.0.0")
@Export
package ai.aragora.storage.jdbc.statement;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
