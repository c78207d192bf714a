/**
 * Support for agent providers that talk to LLM APIs: a provider bundle supplies its wire
 * protocol ({@link ai.aragora.agents.llm.ChatProtocol}) and its settings, and
 * {@link ai.aragora.agents.llm.ChatAgentProvider} registers its agents, with prompts, lenient
 * parsing, streaming, cost accounting, breakers, retries and OpenRouter fallback done here once.
 */
@Version("1.1.0")
@Export
package ai.aragora.agents.llm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
