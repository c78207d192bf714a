/**
 * What a storage backend bundle provides to the JDBC stores: its databases (one per
 * {@link ai.aragora.storage.jdbc.Store}), opened with the {@link ai.aragora.storage.jdbc.Databases}
 * service, their migrations and the operations only it can do (online backup, file integrity
 * checks). How the stores use them stays private to this bundle.
 */
@Version("2.2.0")
@Export
package ai.aragora.storage.jdbc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
