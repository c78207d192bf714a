/** Agent rankings: ELO per domain and calibration of each agent's vote confidences. */
@Version("1.0.0")
@Export
package ai.aragora.api.rating;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
