/**
 * The storage SPI: one interface per aggregate, implemented by the backend bundles (SQLite,
 * PostgreSQL). Writes return stages so a backend can batch them into group commits; a stage
 * completes only once the write is durable.
 */
@Version("1.6.0")
@Export
package ai.aragora.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
