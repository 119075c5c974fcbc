package io.ringnsq.transport.nsqd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue file damaged while nsqd was down: the broker starts, says which file, delivers every good message and
 * keeps taking new ones.
 */
class DamagedQueueFileTest
{
    private static final int MESSAGES = 300;
    private static final String TOPIC = "damaged";

    @TempDir
    Path dataPath;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Nsqd nsqd;

    @BeforeEach
    void captureLog() throws IOException
    {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        NsqdLogging.configure(LogLevel.INFO, NsqdLogging.DEFAULT_PREFIX, "", 1, 0);
    }

    @AfterEach
    void stop() throws IOException
    {
        if (nsqd != null)
        {
            nsqd.close();
        }
        System.setErr(originalErr);
        NsqdLogging.configure(LogLevel.INFO, NsqdLogging.DEFAULT_PREFIX, "", 1, 0);
    }

    @Test
    void shouldDeliverEveryMessageButTheCorruptOneAndNameTheFile() throws IOException
    {
        publishAndStop();
        final Path file = overwrite(body(150), "XXXXXXXXXX".getBytes(StandardCharsets.US_ASCII));

        start();
        assertEquals(expected(IntStream.range(0, MESSAGES).filter(i -> i != 150)), consume(MESSAGES - 1));
        assertLogNames(file);
        assertStillPublishes();
    }

    @Test
    void shouldDeliverEveryMessageBeforeATruncationAndNameTheFile() throws IOException
    {
        publishAndStop();
        final Path file = rollFileHolding(body(200));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(offsetOf(file, body(200)) + 4); // cut inside message 200's body
        }

        start();
        assertEquals(expected(IntStream.range(0, 200)), consume(200));
        assertLogNames(file);
        assertStillPublishes();
    }

    private void publishAndStop() throws IOException
    {
        start();
        try (V2Connection pub = V2Connection.open(nsqd.tcpAddress()))
        {
            for (int i = 0; i < MESSAGES; i++)
            {
                pub.publish(TOPIC, body(i));
            }
        }
        nsqd.close();
        nsqd = null;
    }

    private void start() throws IOException
    {
        // --mem-queue-size=0: every message is in the topic's queue file
        nsqd = Nsqd.start(new NsqdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0").dataPath(dataPath)
            .memQueueSize(0));
    }

    /** Subscribes and takes {@code count} messages, then checks nothing more comes. */
    private Set<String> consume(final int count)
    {
        try (V2Connection sub = V2Connection.open(nsqd.tcpAddress()))
        {
            sub.subscribe(TOPIC, "c").rdy(count + 1);
            final List<Message> messages = sub.expectMessages(count);
            sub.expectNothing();
            final Set<String> bodies = new TreeSet<>();
            for (final Message m : messages)
            {
                bodies.add(new String(m.body(), StandardCharsets.US_ASCII));
                sub.fin(m.id());
            }
            sub.sync();
            return bodies;
        }
    }

    private void assertStillPublishes()
    {
        try (V2Connection conn = V2Connection.open(nsqd.tcpAddress()))
        {
            conn.publish(TOPIC, "after");
            conn.subscribe(TOPIC, "c").rdy(1);
            assertEquals("after", new String(conn.expectMessage().body(), StandardCharsets.US_ASCII));
        }
    }

    private void assertLogNames(final Path file)
    {
        final String log = captured.toString(StandardCharsets.UTF_8);
        final List<String> lines = log.lines()
            .filter(line -> line.contains(file.getParent().toString()) && line.contains(file.getFileName().toString()))
            .toList();
        assertTrue(!lines.isEmpty() && lines.get(0).contains("WARNING"), "no warning naming " + file + " in:\n" + log);
    }

    private static String body(final int i)
    {
        return String.format("message-%05d-%s", i, "x".repeat(40));
    }

    private static Set<String> expected(final IntStream indexes)
    {
        return indexes.mapToObj(DamagedQueueFileTest::body).collect(Collectors.toCollection(TreeSet::new));
    }

    private Path overwrite(final String body, final byte[] with) throws IOException
    {
        final Path file = rollFileHolding(body);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offsetOf(file, body));
            raf.write(with);
        }
        return file;
    }

    private Path rollFileHolding(final String body) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.list(dataPath.resolve(TOPIC + ".queue")))
        {
            all.filter(p -> p.getFileName().toString().endsWith(".cq4")).forEach(files::add);
        }
        for (final Path file : files)
        {
            if (offsetOf(file, body) >= 0)
            {
                return file;
            }
        }
        throw new AssertionError(body + " is in none of " + files);
    }

    private static long offsetOf(final Path file, final String body) throws IOException
    {
        final byte[] content = Files.readAllBytes(file);
        final byte[] needle = body.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= content.length - needle.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (content[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
