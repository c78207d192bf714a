/**
 * The Knowledge Mound: what an organisation's debates concluded, kept as nodes and relationships
 * per org and workspace, searched lexically and by meaning, and given to later debates. Adapters
 * turn each finished debate into nodes (forward) and answer their subsystem's questions (reverse);
 * embedding providers turn text into vectors.
 */
@Version("1.4.0")
@Export
package ai.aragora.api.knowledge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
