package ai.aragora.itest.hello;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The payload of the hot-deployment tests: a REST resource that says which version of its
 * bundle answers and what its configuration says. Built into bundles by the tests.
 */
@Component(service = HelloResource.class, configurationPid = "ai.aragora.itest.hello",
        property = "osgi.jakartars.resource=true")
@Path("hello")
public class HelloResource {

    @interface Config {
        String greeting() default "hello";
    }

    private final String version;
    private volatile String greeting;

    @Activate
    public HelloResource(BundleContext context, Config config) {
        this.version = context.getBundle().getVersion().toString();
        this.greeting = config.greeting();
    }

    @Modified
    void modified(Config config) {
        this.greeting = config.greeting();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello() {
        return greeting + " from " + version;
    }
}
