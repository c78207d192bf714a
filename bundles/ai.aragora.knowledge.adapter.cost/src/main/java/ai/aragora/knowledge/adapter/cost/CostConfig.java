package ai.aragora.knowledge.adapter.cost;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Orgs' monthly budgets (PID {@value #PID}), e.g. {@code budgets = ["acme=250", "globex=40.5"]} in US$. */
@ObjectClassDefinition(name = "Aragora Knowledge Mound cost adapter", description = "Monthly budgets per org")
@interface CostConfig {

    String PID = "ai.aragora.knowledge.adapter.cost";

    @AttributeDefinition(description = "org=US$ per calendar month (UTC); crossing it records a budget alert node and logs a warning")
    String[] budgets() default {};
}
