package ai.aragora.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Aragora REST", description = "Limits every API request is held to")
@interface RestConfig {

    String PID = "ai.aragora.rest";

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger ones get 413")
    long max_body_bytes() default 1_048_576;

    @AttributeDefinition(description = "How long browsers may cache a CORS preflight answer, in seconds")
    int cors_max_age_seconds() default 600;
}
