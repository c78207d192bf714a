/**
 * Field encryption at rest: the plugin kind that seals one stored field at a time, bound to the
 * store, record and field it belongs to. Providers are bundles registering
 * {@link ai.aragora.api.crypto.FieldEncryption}; stores keep {@link ai.aragora.api.crypto.Envelope}s.
 */
@Version("1.0.0")
@Export
package ai.aragora.api.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
