package ai.aragora.knowledge.embeddings.openai;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the embeddings come from (PID {@value #PID}); the launcher fills it from ARAGORA_KM_EMBEDDINGS_*. */
@ObjectClassDefinition(name = "Aragora Knowledge Mound embeddings (OpenAI-compatible)",
        description = "Embeddings from a server that speaks POST {base}/embeddings")
@interface OpenAiEmbeddingsConfig {

    String PID = "ai.aragora.knowledge.embeddings.openai";

    @AttributeDefinition(description = "Base URL; requests go to {base}/embeddings (ARAGORA_KM_EMBEDDINGS_BASE_URL)")
    String base_url() default "https://api.openai.com/v1";

    @AttributeDefinition(description = "Embedding model (ARAGORA_KM_EMBEDDINGS_MODEL); changing it means re-embedding every node")
    String model() default "text-embedding-3-small";

    @AttributeDefinition(description = "Length of the model's vectors; an answer of another length is refused", min = "1")
    int dimensions() default 1536;

    @AttributeDefinition(name = ".api.key", type = AttributeType.PASSWORD,
            description = "Bearer token (ARAGORA_KM_EMBEDDINGS_API_KEY, else OPENAI_API_KEY); empty: none sent")
    String _api_key() default "";

    @AttributeDefinition(description = "Texts per request", min = "1", max = "2048")
    int batch_size() default 64;

    @AttributeDefinition(description = "Longest single request, in seconds", min = "1")
    int timeout_seconds() default 30;

    @AttributeDefinition(description = "Attempts per request, the first included (429, 5xx, timeouts and dropped connections are retried)", min = "1", max = "10")
    int max_attempts() default 3;
}
