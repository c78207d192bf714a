/**
 * What an LLM provider bundle needs and nothing more: it describes its settings
 * ({@link ai.aragora.agents.llm.ProviderSettings}) and its wire protocol (its own
 * {@link ai.aragora.agents.llm.ChatProtocol}, or a {@link ai.aragora.agents.llm.ChatCompletions}
 * dialect), and the {@link ai.aragora.agents.llm.ChatProviders} service registers its agents.
 * How calls are made (HTTP, streaming, prices, breakers, retries, fallback) stays private to
 * this bundle.
 */
@Version("2.0.0")
@Export
package ai.aragora.agents.llm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
