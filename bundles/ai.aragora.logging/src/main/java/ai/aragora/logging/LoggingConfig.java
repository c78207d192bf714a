package ai.aragora.logging;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Aragora logging", description = "Server log level; ARAGORA_LOG_LEVEL sets it at start, a change here applies at once.")
@interface LoggingConfig {

    String PID = "ai.aragora.logging";

    @AttributeDefinition(description = "Root log level", options = {
            @Option(value = "TRACE"), @Option(value = "DEBUG"), @Option(value = "INFO"),
            @Option(value = "WARN"), @Option(value = "ERROR") })
    String level() default "INFO";

    @AttributeDefinition(description = "Libraries that log at WARN or above unless the root level is DEBUG or TRACE (pool and migration chatter)")
    String[] quiet_loggers() default {"com.zaxxer.hikari", "org.flywaydb"};
}
