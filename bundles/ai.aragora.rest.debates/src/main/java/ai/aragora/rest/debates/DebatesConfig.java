package ai.aragora.rest.debates;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Aragora debates API", description = "Limits of the debates API")
@interface DebatesConfig {

    String PID = "ai.aragora.rest.debates";

    @AttributeDefinition(description = "Debates one principal may create per minute (sustained)")
    int create_per_minute() default 30;

    @AttributeDefinition(description = "Debates one principal may create in a burst")
    int create_burst() default 10;
}
