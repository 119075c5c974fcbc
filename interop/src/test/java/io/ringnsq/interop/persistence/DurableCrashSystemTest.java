package io.ringnsq.interop.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.ringnsq.interop.support.DaemonProcess;
import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable mode ({@code --mem-queue-size=0 --sync-every=1}) against {@code kill -9}: nsqd runs as a process of its
 * own; a publisher sends PUB, MPUB and a few DPUB (short deferral) with unique bodies and notes every one answered
 * OK; a consumer meanwhile FINs most of what it gets and holds some in flight without FIN. nsqd is killed with
 * SIGKILL in the middle of both streams and started again on the same data path: every message that was answered
 * OK and not FINished must be delivered again (at least once). Messages redelivered more than once, FINished ones
 * redelivered and unacknowledged ones delivered are allowed, and counted in the log.
 *
 * <p>A message fanned out from the topic's queue to the channel's just before the kill is in both after it and is
 * fanned out again; the channel must not put that id in flight twice, so no FIN after the restart may fail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class DurableCrashSystemTest
{
    private static final String LOG = "[durable-crash] ";
    private static final String TOPIC = "durable_crash";
    private static final String CHANNEL = "c";
    private static final List<String> DURABLE = List.of("--mem-queue-size=0", "--sync-every=1");
    private static final int MPUB_SIZE = 10;
    private static final long DPUB_DEFERRAL_MS = 300;
    /** The consumer's window; it holds at most HOLD_LIMIT of it, so messages keep flowing. */
    private static final int RDY = 100;
    private static final int HOLD_LIMIT = 60;
    private static final long CONSUMER_PAUSE_MS = 2;
    /** Where the kill comes: the publisher and the consumer are both well under way. */
    private static final int ACKED_BEFORE_KILL = 1500;
    private static final int FINISHED_BEFORE_KILL = 300;
    private static final int HELD_BEFORE_KILL = 40;
    private static final Duration STREAMS_LIMIT = Duration.ofSeconds(40);
    private static final Duration REDELIVERY_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dataPath;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> finishing = ConcurrentHashMap.newKeySet();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> trouble = new AtomicReference<>();
    private volatile boolean killed;

    @Test
    void shouldRedeliverEveryAcknowledgedUnfinishedMessageAfterKill9InTheMiddleOfPublishingAndConsuming() throws Exception
    {
        final Set<String> mustComeBack;
        try (DaemonProcess nsqd = DaemonProcess.nsqd(dataPath, LOG, DURABLE))
        {
            final V2Connection consumer = V2Connection.open(nsqd.tcpAddress()).subscribe(TOPIC, CHANNEL).rdy(RDY);
            final V2Connection publisher = V2Connection.open(nsqd.tcpAddress());
            final Thread consuming = thread("consumer", () -> consume(consumer));
            final Thread publishing = thread("publisher", () -> publish(publisher));
            try
            {
                awaitStreamsUnderWay();
                // set first: what the streams see from here on is the kill
                killed = true;
                final int exitCode = nsqd.kill();
                assertEquals(DaemonProcess.KILLED_EXIT_CODE, exitCode, "nsqd's exit code after SIGKILL");
                publishing.join(TimeUnit.SECONDS.toMillis(10));
                consuming.join(TimeUnit.SECONDS.toMillis(10));
                assertTrue(!publishing.isAlive() && !consuming.isAlive(), "publisher or consumer still running after the kill");
            }
            finally
            {
                killed = true;
                publisher.close();
                consumer.close();
            }
            assertNull(trouble.get(), "before the kill");
            mustComeBack = new HashSet<>(acknowledged);
            mustComeBack.removeAll(finishing);
            System.out.println(LOG + "killed with SIGKILL after " + acknowledged.size() + " messages answered OK (" + sent.size()
                + " sent), " + finishing.size() + " FIN sent, " + held.size() + " held in flight: " + mustComeBack.size()
                + " must come back");
        }

        try (DaemonProcess restarted = DaemonProcess.nsqd(dataPath, LOG + "(restarted) ", DURABLE);
             V2Connection consumer = V2Connection.open(restarted.tcpAddress()).subscribe(TOPIC, CHANNEL).rdy(RDY))
        {
            final List<String> errors = new ArrayList<>();
            final Map<String, Integer> deliveries = consumeAfterRestart(consumer, mustComeBack, errors);
            final Set<String> missing = new HashSet<>(mustComeBack);
            missing.removeAll(deliveries.keySet());
            report(deliveries, mustComeBack, errors);
            assertTrue(missing.isEmpty(), missing.size() + " of " + mustComeBack.size() + " messages answered OK and not FINished"
                + " were not delivered after the restart (" + held.stream().filter(missing::contains).count() + " of them held in"
                + " flight at the kill), e.g. " + examples(missing));
        }
    }

    /** Publishes until the kill: PUB mostly, an MPUB every 10th command, a DPUB every 25th; notes every OK. */
    private void publish(final V2Connection publisher)
    {
        for (int command = 0; command < 1_000_000 && !killed; command++)
        {
            final List<String> bodies = new ArrayList<>();
            final byte[] bytes;
            if (command % 10 == 5)
            {
                for (int i = 0; i < MPUB_SIZE; i++)
                {
                    bodies.add("mpub-" + command + "-" + i);
                }
                bytes = Wire.mpub(TOPIC, bodies.toArray(String[]::new));
            }
            else if (command % 25 == 7)
            {
                bodies.add("dpub-" + command);
                bytes = Wire.dpub(TOPIC, DPUB_DEFERRAL_MS, bodies.get(0));
            }
            else
            {
                bodies.add("pub-" + command);
                bytes = Wire.pub(TOPIC, bodies.get(0));
            }
            final Frame answer;
            try
            {
                sent.addAll(bodies);
                publisher.write(bytes);
                answer = publisher.readFrame(Duration.ofSeconds(10));
            }
            catch (final RuntimeException | AssertionError ex)
            {
                noteUnlessKilled("publisher: " + ex);
                return;
            }
            if (!answer.isResponse("OK"))
            {
                noteUnlessKilled("publisher: " + answer);
                return;
            }
            acknowledged.addAll(bodies);
        }
    }

    /**
     * FINs what it gets, except every 4th message while it holds fewer than HOLD_LIMIT: those stay in flight. Slower
     * than the publisher, so some messages are still queued at the kill.
     */
    private void consume(final V2Connection consumer)
    {
        int count = 0;
        while (!killed)
        {
            final Message message;
            try
            {
                message = Deliveries.next(consumer, Duration.ofSeconds(1));
                if (message == null)
                {
                    continue;
                }
                final String body = message.bodyText();
                if (count++ % 4 == 0 && held.size() < HOLD_LIMIT)
                {
                    held.add(body);
                }
                else
                {
                    // noted before it is sent: a FIN that reaches nsqd is always in the set
                    finishing.add(body);
                    consumer.fin(message.id());
                }
                Thread.sleep(CONSUMER_PAUSE_MS);
            }
            catch (final RuntimeException | AssertionError ex)
            {
                noteUnlessKilled("consumer: " + ex);
                return;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void noteUnlessKilled(final String what)
    {
        if (!killed)
        {
            trouble.compareAndSet(null, what);
        }
    }

    private void awaitStreamsUnderWay() throws InterruptedException
    {
        final long deadline = System.nanoTime() + STREAMS_LIMIT.toNanos();
        while (acknowledged.size() < ACKED_BEFORE_KILL || finishing.size() < FINISHED_BEFORE_KILL || held.size() < HELD_BEFORE_KILL)
        {
            assertNull(trouble.get(), "while publishing and consuming");
            assertTrue(System.nanoTime() - deadline < 0, "within " + STREAMS_LIMIT.toSeconds() + " s: " + acknowledged.size()
                + " answered OK (want " + ACKED_BEFORE_KILL + "), " + finishing.size() + " FIN (want " + FINISHED_BEFORE_KILL
                + "), " + held.size() + " held (want " + HELD_BEFORE_KILL + ")");
            Thread.sleep(5);
        }
    }

    /**
     * Receives and FINs until every message of {@code mustComeBack} came (or the limit), then until nothing more comes
     * for a moment; returns how often each body was delivered.
     */
    private static Map<String, Integer> consumeAfterRestart(final V2Connection consumer, final Set<String> mustComeBack,
        final List<String> errors)
    {
        final Map<String, Integer> deliveries = new HashMap<>();
        final Set<String> awaited = new HashSet<>(mustComeBack);
        final long deadline = System.nanoTime() + REDELIVERY_LIMIT.toNanos();
        while (System.nanoTime() - deadline < 0)
        {
            final Message message = Deliveries.next(consumer, awaited.isEmpty() ? Duration.ofMillis(500) : Duration.ofSeconds(2), errors);
            if (message == null)
            {
                if (awaited.isEmpty())
                {
                    break;
                }
                continue;
            }
            final String body = message.bodyText();
            deliveries.merge(body, 1, Integer::sum);
            awaited.remove(body);
            consumer.fin(message.id());
        }
        return deliveries;
    }

    private void report(final Map<String, Integer> deliveries, final Set<String> mustComeBack, final List<String> errors)
    {
        final long again = deliveries.values().stream().filter(times -> times > 1).count();
        final long finishedAgain = deliveries.keySet().stream().filter(finishing::contains).count();
        final long unacknowledged = deliveries.keySet().stream().filter(body -> !acknowledged.contains(body)).count();
        final long strangers = deliveries.keySet().stream().filter(body -> !sent.contains(body)).count();
        final long heldBack = held.stream().filter(deliveries::containsKey).count();
        System.out.println(LOG + "after the restart: " + deliveries.size() + " distinct messages delivered ("
            + deliveries.values().stream().mapToInt(Integer::intValue).sum() + " deliveries), " + mustComeBack.stream()
            .filter(deliveries::containsKey).count() + " of the " + mustComeBack.size() + " that must come back (" + heldBack + " of "
            + held.size() + " held in flight); duplicates: " + again + " delivered more than once after the restart, "
            + finishedAgain + " FINished before the kill delivered again, " + unacknowledged + " never answered OK delivered");
        assertEquals(List.of(), errors, "error frames after the restart");
        assertEquals(0, strangers, "bodies that were never published: " + examples(deliveries.keySet().stream()
            .filter(body -> !sent.contains(body)).toList()));
    }

    private static String examples(final Collection<String> bodies)
    {
        return bodies.stream().sorted().limit(10).toList().toString();
    }

    private static Thread thread(final String name, final Runnable body)
    {
        final Thread thread = new Thread(body, "durable-crash-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
