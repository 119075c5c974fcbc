package io.ringnsq.interop.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringnsq.interop.support.DaemonProcess;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SIGTERM when nothing ever went to disk: the stop is the first time this nsqd opens a queue file (and loads the
 * disk library), and the messages held only in memory must still be written and come back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class MemoryOnlyStopSystemTest
{
    private static final String LOG = "[memory-only-stop] ";

    @TempDir
    Path dataPath;

    @Test
    void shouldWriteMessagesThatNeverLeftMemoryAtSigtermAndExitWithZero() throws Exception
    {
        final List<String> bodies = List.of("one", "two", "three");
        try (DaemonProcess nsqd = DaemonProcess.nsqd(dataPath, LOG, List.of());
             V2Connection publisher = V2Connection.open(nsqd.tcpAddress()))
        {
            for (final String body : bodies)
            {
                publisher.publish("memory_only", body);
            }
            assertEquals(0, nsqd.stop(), "nsqd's exit code after SIGTERM");
        }
        try (DaemonProcess nsqd = DaemonProcess.nsqd(dataPath, LOG + "(restarted) ", List.of());
             V2Connection consumer = V2Connection.open(nsqd.tcpAddress()))
        {
            consumer.subscribe("memory_only", "c").rdy(10);
            final List<Message> messages = Deliveries.take(consumer, bodies.size(), Duration.ofSeconds(5));
            assertEquals(bodies, messages.stream().map(Message::bodyText).toList());
        }
    }
}
