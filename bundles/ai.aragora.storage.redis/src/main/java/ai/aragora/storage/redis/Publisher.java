package ai.aragora.storage.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * Sends published messages from one thread, in publish order, several to a round trip. A
 * publisher only enqueues: while Redis is unreachable, or the queue is full, the message is
 * dropped and counted instead of holding the caller.
 */
final class Publisher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final int BATCH = 256;

    private final JedisPooled redis;
    private final LinkState state;
    private final BlockingQueue<String[]> queue;
    private volatile boolean running = true;

    Publisher(JedisPooled redis, LinkState state, int capacity) {
        this.redis = redis;
        this.state = state;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void offer(String wireChannel, String wire) {
        if (!state.up() || !queue.offer(new String[] {wireChannel, wire})) {
            state.dropped.incrementAndGet();
        }
    }

    @Override
    public void run() {
        List<String[]> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                String[] first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<String[]> batch) {
        try (Pipeline pipeline = redis.pipelined()) {
            for (String[] message : batch) {
                pipeline.publish(message[0], message[1]);
            }
            pipeline.sync();
            state.published.addAndGet(batch.size());
        } catch (RuntimeException e) {
            state.dropped.addAndGet(batch.size());
            LOG.debug("redis publish of {} messages failed: {}", batch.size(), LinkState.describe(e));
        }
    }

    void stop() {
        running = false;
    }
}
