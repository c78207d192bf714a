package ai.aragora.receipts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The ODR JSON Schema (2020-12), validated with networknt json-schema-validator. The schema is
 * read from this bundle and handed to the validator as a tree, so nothing is ever fetched and
 * no class loader but this bundle's is asked for it.
 */
final class OdrSchema {

    static final String RESOURCE = "odr_schema.json";

    /** Built on the first validation: loading the validator costs start-up time that only verification needs. */
    private Schema schema;

    private static Schema load() {
        JsonNode tree;
        try (InputStream in = OdrSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            tree = JsonDocuments.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema = registry.getSchema(SchemaLocation.of(tree.path("$id").asText()), tree);
        schema.initializeValidators();
        return schema;
    }

    /** The violations, each as {@code <instance path>: <message>}; empty when the document conforms. */
    List<String> validate(JsonNode document) {
        List<Error> errors = schema().validate(document);
        return errors.stream().map(Error::toString).distinct().toList();
    }

    private synchronized Schema schema() {
        if (schema == null) {
            schema = load();
        }
        return schema;
    }
}
