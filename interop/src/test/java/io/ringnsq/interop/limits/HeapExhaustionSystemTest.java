package io.ringnsq.interop.limits;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringnsq.interop.support.DaemonProcess;
import io.ringnsq.transport.testsupport.V2Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A heap too small for what it is asked to hold (a memory queue far larger than the heap, filled by a publisher): the
 * process ends, as Go's runtime ends upstream's nsqd, instead of living on with its engine thread dead, holding its
 * ports and answering nothing, where no supervisor would restart it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class HeapExhaustionSystemTest
{
    private static final String LOG = "[heap-exhaustion] ";
    /** What the JVM exits with under -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY_EXIT_CODE = 3;
    /** MPUBs of 100 bodies of 10,000 bytes: a megabyte each, far more in all than the test daemon's 256 MiB heap. */
    private static final int MPUBS = 2_000;

    @TempDir
    Path dataPath;

    @Test
    void shouldEndTheProcessWhenTheHeapRunsOut() throws Exception
    {
        try (DaemonProcess nsqd = DaemonProcess.nsqd(dataPath, LOG, List.of("--mem-queue-size=100000000"));
             V2Connection publisher = V2Connection.open(nsqd.tcpAddress()))
        {
            final byte[] mpub = mpubBody(100, 10_000);
            // on a thread of its own: a process that lived on without its engine would stop reading, and the
            // publisher's write would block until the process is killed
            final Thread publishing = new Thread(() ->
            {
                int sent = 0;
                while (sent < MPUBS && sent(publisher, mpub))
                {
                    sent++;
                }
                System.out.println(LOG + sent + " MPUBs of 1 MB sent before the connection failed");
            }, "publisher");
            publishing.start();
            assertEquals(OUT_OF_MEMORY_EXIT_CODE, nsqd.awaitExit(), "nsqd's exit code: " + nsqd.lines());
            publishing.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(nsqd.lines().stream().anyMatch(line -> line.contains("Terminating due to java.lang.OutOfMemoryError")),
                "the JVM says why it ends: " + nsqd.lines());
        }
    }

    /** One MPUB; false once the connection fails (the process is going). */
    private static boolean sent(final V2Connection publisher, final byte[] mpub)
    {
        try
        {
            publisher.send("MPUB heap_exhaustion", mpub);
            return true;
        }
        catch (final UncheckedIOException ex)
        {
            return false;
        }
    }

    private static byte[] mpubBody(final int count, final int size)
    {
        final ByteBuffer body = ByteBuffer.allocate(4 + count * (4 + size));
        body.putInt(count);
        for (int i = 0; i < count; i++)
        {
            body.putInt(size);
            body.put(new byte[size]);
        }
        return body.array();
    }
}
