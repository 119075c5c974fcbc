package io.ringnsq.interop.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.ringnsq.interop.support.DaemonHttp;
import io.ringnsq.interop.support.DaemonProcess;
import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A data path that really fills up: nsqd (a process of its own) on an 8 MiB tmpfs that a filler file already takes
 * part of, with 1 MiB roll files. Publishing until the disk is full must end in upstream's fatal
 * {@code E_PUB_FAILED PUB failed <disk error>} (never a crash, never a lost acknowledged message); then HTTP
 * {@code /pub} answers 500, {@code /ping} answers 500 {@code NOK - <disk error>}, nsqd stays up, and a consumer still
 * gets every message that was answered OK. Once the filler is deleted, publishing works again by itself within
 * seconds (nsqd retries the disk about once a second) and {@code /ping} is OK again.
 *
 * <p>In both modes: messages kept in memory first ({@code --mem-queue-size=10}) and durable
 * ({@code --mem-queue-size=0 --sync-every=1}). Skipped, with the reason, where a tmpfs cannot be mounted (not root).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class DiskFullSystemTest
{
    private static final String LOG = "[disk-full] ";
    private static final String TOPIC = "disk_full";
    private static final String CHANNEL = "c";
    private static final int TMPFS_MB = 8;
    private static final int FILLER_MB = 2;
    private static final int BODY_BYTES = 1024;
    /** Far more than the filesystem holds: the loop ends at the first refusal. */
    private static final int MAX_PUBLISHES = 100_000;
    /** Messages a consumer must get while the disk is still full. */
    private static final int SERVED_WHILE_FULL = 100;
    /** Messages of the MPUB that shows publishing works again: more than the memory queues hold. */
    private static final int AFTER_COUNT = 50;
    /** Publishing must work again this soon once there is room (nsqd retries the disk about once a second). */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(5);
    /** For the consumer to get everything once the filler is gone (and to publish again). */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(45);
    private static final Duration WAIT = Duration.ofSeconds(10);

    enum Mode
    {
        MEMORY_FIRST(List.of("--mem-queue-size=10")),
        DURABLE(List.of("--mem-queue-size=0", "--sync-every=1"));

        final List<String> flags;

        Mode(final List<String> flags)
        {
            this.flags = flags;
        }
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldRefusePublishingWhileTheDiskIsFullKeepServingConsumersAndPublishAgainOnceThereIsRoom(final Mode mode) throws Exception
    {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp.resolve("small"), TMPFS_MB))
        {
            final Path filler = fs.root().resolve("filler");
            fill(filler, FILLER_MB);
            final List<String> flags = new ArrayList<>(mode.flags);
            flags.add("--max-bytes-per-file=1048576");
            // consumed roll files are deleted at a sync: sooner room for what waits in memory
            flags.add("--sync-timeout=200ms");
            final Path dataPath = Files.createDirectory(fs.root().resolve("data"));
            try (DaemonProcess nsqd = DaemonProcess.nsqd(dataPath, LOG + mode + " ", flags);
                 V2Connection consumer = V2Connection.open(nsqd.tcpAddress()).subscribe(TOPIC, CHANNEL))
            {
                final Set<String> acknowledged = new HashSet<>();
                final String refusal = publishUntilRefused(nsqd, acknowledged);
                System.out.println(LOG + mode + ": " + acknowledged.size() + " messages of " + BODY_BYTES + " bytes answered OK, then "
                    + refusal + "; " + fs.usable() + " bytes usable on the tmpfs");
                final String expectedStart = "E_PUB_FAILED PUB failed disk full: " + dataPath;
                assertTrue(refusal.startsWith(expectedStart), "the refusal starts with '" + expectedStart + "': " + refusal);
                final String again = publish(nsqd, Wire.pub(TOPIC, "refused-" + mode));
                assertTrue(again.startsWith(expectedStart), "a publish on a new connection is refused too: " + again);

                final DaemonHttp.Answer httpPub = DaemonHttp.post(nsqd.httpBase() + "/pub?topic=" + TOPIC, "refused-over-http");
                assertEquals(new DaemonHttp.Answer(500, "{\"message\":\"INTERNAL_ERROR\"}"), httpPub, "HTTP /pub while the disk is full");
                final DaemonHttp.Answer ping = DaemonHttp.get(nsqd.httpBase() + "/ping");
                assertEquals(500, ping.status(), "/ping while the disk is full: " + ping);
                assertTrue(ping.body().startsWith("NOK - disk full: "), "/ping body: " + ping.body());
                assertTrue(nsqd.isAlive(), "nsqd is still running");

                consumer.rdy(100);
                final Map<String, Integer> delivered = new HashMap<>();
                receive(consumer, delivered, SERVED_WHILE_FULL);
                assertTrue(delivered.size() >= SERVED_WHILE_FULL, "a consumer is served while the disk is full: got "
                    + delivered.size() + " of " + acknowledged.size());

                Files.delete(filler);
                final long roomAt = System.nanoTime();
                final Recovery recovery = drainAndPublishAgain(nsqd, consumer, acknowledged, delivered);
                final Set<String> missing = new HashSet<>(acknowledged);
                missing.addAll(recovery.bodies());
                missing.removeAll(delivered.keySet());
                assertTrue(missing.isEmpty(), missing.size() + " of " + acknowledged.size() + " messages answered OK were not"
                    + " delivered, e.g. " + missing.stream().sorted().limit(5).toList());
                System.out.println(LOG + mode + ": after the filler was deleted, publishing worked again in "
                    + TimeUnit.NANOSECONDS.toMillis(recovery.publishedAt() - roomAt) + " ms (an MPUB of " + AFTER_COUNT + "); the"
                    + " consumer had all " + acknowledged.size() + " after " + TimeUnit.NANOSECONDS.toMillis(recovery.drainedAt() - roomAt)
                    + " ms ("
                    + delivered.values().stream().filter(times -> times > 1).count() + " more than once)");
                assertTrue(recovery.publishedAt() - Math.max(roomAt, recovery.drainedAt()) < RECOVERY_LIMIT.toNanos(),
                    "publishing works again by itself within " + RECOVERY_LIMIT.toSeconds() + " s once there is room");
                awaitPingOk(nsqd);
                assertTrue(nsqd.isAlive(), "nsqd is still running");
            }
        }
    }

    /** PUBs of BODY_BYTES until one is refused; returns the refusal (the error frame's text). */
    private static String publishUntilRefused(final DaemonProcess nsqd, final Set<String> acknowledged) throws Exception
    {
        try (V2Connection publisher = V2Connection.open(nsqd.tcpAddress()))
        {
            for (int i = 0; i < MAX_PUBLISHES; i++)
            {
                final String body = body("full-" + i);
                publisher.write(Wire.pub(TOPIC, body));
                final Frame answer = publisher.readFrame(WAIT);
                if (!answer.isResponse("OK"))
                {
                    assertEquals(Frame.TYPE_ERROR, answer.type(), "answer to a PUB: " + answer);
                    publisher.expectClosed(); // E_PUB_FAILED is fatal, as upstream
                    return answer.text();
                }
                acknowledged.add(body);
            }
        }
        throw new AssertionError(MAX_PUBLISHES + " PUBs of " + BODY_BYTES + " bytes all answered OK on a " + TMPFS_MB + " MiB tmpfs");
    }

    /** One PUB or MPUB on a new connection: "OK", or the error frame's text. */
    private static String publish(final DaemonProcess nsqd, final byte[] command)
    {
        try (V2Connection publisher = V2Connection.open(nsqd.tcpAddress()))
        {
            publisher.write(command);
            final Frame answer = publisher.readFrame(WAIT);
            return answer.isResponse("OK") ? "OK" : answer.text();
        }
    }

    /** When the acknowledged messages were all delivered, and when (and with which bodies) an MPUB was answered OK again. */
    private record Recovery(long drainedAt, long publishedAt, List<String> bodies)
    {
    }

    /**
     * Receives and FINs the rest of {@code acknowledged}, and tries an MPUB of AFTER_COUNT messages (more than the
     * memory queues hold, so they go to disk) on a new connection every 100 ms until one is answered OK, and receives
     * those too; bounded. Messages kept in memory because the disk had no room for them must reach the disk (as the
     * consumer frees it) before publishing to disk is taken again.
     */
    private static Recovery drainAndPublishAgain(
        final DaemonProcess nsqd, final V2Connection consumer, final Set<String> acknowledged, final Map<String, Integer> delivered)
        throws InterruptedException
    {
        final long limit = System.nanoTime() + DRAIN_LIMIT.toNanos();
        final Set<String> awaited = new HashSet<>(acknowledged);
        long drainedAt = 0;
        long publishedAt = 0;
        List<String> bodies = List.of();
        String last = null;
        for (int attempt = 0; System.nanoTime() - limit < 0; attempt++)
        {
            if (publishedAt == 0)
            {
                final int id = attempt;
                final List<String> batch = IntStream.range(0, AFTER_COUNT).mapToObj(i -> "after-" + id + "-" + i).toList();
                last = publish(nsqd, Wire.mpub(TOPIC, batch.toArray(String[]::new)));
                if (last.equals("OK"))
                {
                    publishedAt = System.nanoTime();
                    bodies = batch;
                    awaited.addAll(batch);
                }
            }
            receive(consumer, delivered, Integer.MAX_VALUE, awaited, Duration.ofMillis(100));
            if (drainedAt == 0 && delivered.keySet().containsAll(acknowledged))
            {
                drainedAt = System.nanoTime();
            }
            if (publishedAt != 0 && delivered.keySet().containsAll(awaited))
            {
                return new Recovery(drainedAt, publishedAt, bodies);
            }
        }
        throw new AssertionError(publishedAt == 0
            ? "publishing still refused " + DRAIN_LIMIT.toSeconds() + " s after the filler was deleted: " + last
            : "not every message came within " + DRAIN_LIMIT.toSeconds() + " s after the filler was deleted");
    }

    private static void awaitPingOk(final DaemonProcess nsqd) throws Exception
    {
        final long limit = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        DaemonHttp.Answer ping = DaemonHttp.get(nsqd.httpBase() + "/ping");
        while (ping.status() != 200 && System.nanoTime() - limit < 0)
        {
            Thread.sleep(50);
            ping = DaemonHttp.get(nsqd.httpBase() + "/ping");
        }
        assertEquals(new DaemonHttp.Answer(200, "OK"), ping, "/ping once publishing works again");
    }

    /** Receives and FINs {@code count} messages (each within WAIT of the one before), counting them in {@code delivered}. */
    private static void receive(final V2Connection consumer, final Map<String, Integer> delivered, final int count)
    {
        receive(consumer, delivered, count, Set.of(), WAIT);
    }

    /**
     * Receives and FINs up to {@code count} messages, counting them in {@code delivered}, until every one of
     * {@code awaited} came or none came within {@code wait}.
     */
    private static void receive(
        final V2Connection consumer, final Map<String, Integer> delivered, final int count, final Set<String> awaited,
        final Duration wait)
    {
        for (int i = 0; i < count && !(delivered.keySet().containsAll(awaited) && !awaited.isEmpty()); i++)
        {
            final Message message = Deliveries.next(consumer, wait);
            if (message == null)
            {
                return;
            }
            delivered.merge(message.bodyText(), 1, Integer::sum);
            consumer.fin(message.id());
        }
    }

    /** {@code prefix}, padded to BODY_BYTES. */
    private static String body(final String prefix)
    {
        return prefix + "-" + "x".repeat(BODY_BYTES - prefix.length() - 1);
    }

    private static void fill(final Path file, final int megabytes) throws IOException
    {
        final byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file))
        {
            for (int i = 0; i < megabytes; i++)
            {
                out.write(chunk);
            }
        }
    }
}
