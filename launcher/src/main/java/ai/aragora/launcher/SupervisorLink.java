package ai.aragora.launcher;

import java.io.IOException;
import java.io.InputStream;

/**
 * How a worker of {@code serve --workers N} notices that its supervisor is gone, even killed
 * with SIGKILL (Java has no parent-death signal): the supervisor holds the only write end of the
 * worker's standard input and never writes to it, so the operating system closes it when the
 * supervisor dies, whatever killed it, and the worker reads end of file. The worker then stops as
 * on SIGTERM: it drains and exits instead of serving on without anyone to restart or stop it.
 */
final class SupervisorLink {

    private SupervisorLink() {
    }

    /** Starts a daemon thread that runs {@code gone} once {@code in} ends or fails. */
    static Thread watch(InputStream in, Log log, Runnable gone) {
        Thread t = new Thread(() -> {
            String why = "its pipe closed";
            try {
                while (in.read() >= 0) {
                    // the supervisor writes nothing: whatever arrives is ignored
                }
            } catch (IOException e) {
                why = "its pipe failed: " + e.getMessage();
            }
            log.warn("the supervisor is gone (" + why + "); stopping this worker");
            gone.run();
        }, "aragora-supervisor-link");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
