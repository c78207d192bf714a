/**
 * The one package the launcher shares with bundles: the system bundle exports it, so a bundle
 * can contribute a subcommand to {@code aragora} without the launcher knowing its classes, and
 * every command reads its arguments with the same parser.
 */
@Version("1.3.0")
@Export
package ai.aragora.launcher.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
