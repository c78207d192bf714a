package ai.aragora.api.knowledge;

import org.osgi.annotation.versioning.ProviderType;

/** The mound's hourly pass over its nodes' age, for health reports. */
@ProviderType
public interface KnowledgeUpkeep {

    Upkeep latest();
}
