package io.ringnsq.transport.nsqd;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.ringnsq.core.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A running nsqd pushes upstream's statsd lines over UDP once per --statsd-interval. */
class NsqdStatsdTest
{
    @TempDir
    Path dataPath;

    @Test
    void shouldPushTopicAndChannelMetricsToStatsdEveryInterval() throws IOException
    {
        final ManualClock clock = new ManualClock();
        try (DatagramSocket statsd = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            statsd.setSoTimeout(5000);
            final NsqdContext context = new NsqdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0")
                .dataPath(dataPath).broadcastAddress("host.example").nanoClock(clock).epochClock(clock.asEpochClock())
                .statsdAddress("127.0.0.1:" + statsd.getLocalPort()).statsdInterval(Duration.ofSeconds(10))
                .statsdMemStats(false);
            try (Nsqd nsqd = Nsqd.start(context.conclude()); Socket client = new Socket("127.0.0.1", nsqd.tcpAddress().getPort()))
            {
                client.setSoTimeout(5000);
                client.getOutputStream().write("  V2SUB t c\nPUB t\n\u0000\u0000\u0000\u0002hi".getBytes(StandardCharsets.ISO_8859_1));
                final DataInputStream in = new DataInputStream(client.getInputStream());
                in.readFully(new byte[20]); // OK for SUB, OK for PUB

                // a second at a time: the push comes after one interval, its packets spread over the next 9 s
                final String prefix = "nsq.host_example_" + nsqd.httpAddress().getPort() + ".";
                final Set<String> lines = new HashSet<>();
                statsd.setSoTimeout(100);
                for (int second = 0; second < 60 && !lines.contains(prefix + "topic.t.channel.c.clients:1|g"); second++)
                {
                    clock.advance(Duration.ofSeconds(1));
                    try
                    {
                        final DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                        statsd.receive(packet);
                        final String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                        assertTrue(packet.getLength() <= 508, "packets fit --statsd-udp-packet-size");
                        lines.addAll(Set.of(text.split("\n")));
                    }
                    catch (final java.net.SocketTimeoutException ex)
                    {
                        // nothing due this second
                    }
                }
                assertTrue(lines.contains(prefix + "topic.t.message_count:1|c"), lines.toString());
                assertTrue(lines.contains(prefix + "topic.t.channel.c.depth:1|g"), lines.toString());
                assertEquals(Set.of(), lines.stream().filter(l -> !l.startsWith(prefix)).collect(java.util.stream.Collectors.toSet()));
            }
        }
    }
}
