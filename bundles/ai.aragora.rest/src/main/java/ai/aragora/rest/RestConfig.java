package ai.aragora.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Aragora REST", description = "Limits every API request is held to")
@interface RestConfig {

    String PID = "ai.aragora.rest";

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger ones get 413")
    long max_body_bytes() default 1_048_576;

    @AttributeDefinition(description = "Paths that take files, with their own largest body: path=bytes (a knowledge import is a whole export; 32 MiB as its import.max.megabytes)")
    String[] body_limits() default {"/api/knowledge/import=33554432", "/api/v1/knowledge/import=33554432"};

    @AttributeDefinition(description = "How long browsers may cache a CORS preflight answer, in seconds")
    int cors_max_age_seconds() default 600;
}
