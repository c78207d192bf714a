/**
 * What a storage backend bundle provides to the JDBC stores: its databases (one per
 * {@link ai.aragora.storage.jdbc.Store}), their migrations and the operations only it can do
 * (online backup, file integrity checks).
 */
@Version("1.0.0")
@Export
package ai.aragora.storage.jdbc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
