package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Disk use follows the backlog: the roll files of a queue go once every message in them is finished. */
class DiskUseTest
{
    private static final int MESSAGES = 2_000;
    private static final int FILE_BYTES = 64 << 10;

    @TempDir
    Path dataPath;
    private Nsqd nsqd;

    @AfterEach
    void stop()
    {
        if (nsqd != null)
        {
            nsqd.close();
        }
    }

    @ParameterizedTest(name = "sync-every={0}")
    @ValueSource(longs = {1, 2500})
    void shouldDeleteRollFilesOnceEveryMessageInThemIsFinished(final long syncEvery) throws Exception
    {
        nsqd = Nsqd.start(new NsqdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0").dataPath(dataPath)
            .memQueueSize(0).maxBytesPerFile(FILE_BYTES).syncEvery(syncEvery).syncTimeout(Duration.ofMillis(50)));
        final Path queue = dataPath.resolve("t:c.queue");
        final String body = "x".repeat(200);
        try (V2Connection conn = V2Connection.open(nsqd.tcpAddress()))
        {
            conn.send("SUB t c");
            conn.expectOk();
            // pipelined, so that in durable mode publishes share their fsyncs
            final byte[] pub = Wire.pub("t", body);
            final byte[][] all = new byte[MESSAGES][];
            Arrays.fill(all, pub);
            conn.write(Wire.concat(all));
            for (int i = 0; i < MESSAGES; i++)
            {
                conn.expectOk();
            }
            // the fan-out to the channel may trail the answers to the publisher
            awaitRollFiles(queue, count -> count >= 5, "2,000 messages of 200 bytes in files of 64 KiB");

            conn.rdy(100);
            for (int received = 0; received < MESSAGES; received += 100)
            {
                final List<Message> batch = conn.expectMessages(100);
                for (final Message m : batch)
                {
                    conn.fin(m.id());
                }
            }
            conn.sync();
        }
        awaitRollFiles(queue, count -> count <= 1, "every message finished");
    }

    private static void awaitRollFiles(final Path queue, final LongPredicate expected, final String when)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.isDirectory(queue) && expected.test(rollFiles(queue))) && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertTrue(Files.isDirectory(queue) && expected.test(rollFiles(queue)),
            when + ": " + (Files.isDirectory(queue) ? rollFiles(queue) + " roll files" : "no " + queue));
    }

    private static long rollFiles(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).count();
        }
    }
}
