package io.ringnsq.transport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ringnsq.core.stats.NsqdStats;
import org.junit.jupiter.api.Test;

class StatsdSenderTest
{
    private static String receive(final DatagramSocket socket) throws IOException
    {
        final DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldPushEveryLineToARealUdpSocket() throws IOException
    {
        try (DatagramSocket statsd = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            statsd.setSoTimeout(5_000);
            final StatsdOptions options = new StatsdOptions(StatsdOptions.expandPrefix("nsq.%s", "127.0.0.1", 4151), true, false);
            final StatsdSender sender = StatsdSender.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), statsd.getLocalPort()));
            // a one-second interval spreads nothing: every packet goes at once
            try (StatsdPusher pusher = new StatsdPusher(options, 508, 1_000_000_000L, sender))
            {
                final List<String> first = pusher.push(StatsFixtures.stats(), StatsFixtures.MEMORY, 0);
                final List<String> second = pusher.push(StatsFixtures.stats(), StatsFixtures.MEMORY, 1);

                final StringBuilder received = new StringBuilder();
                while (received.length() < String.join("\n", first).length() + String.join("\n", second).length() + 2)
                {
                    final String packet = receive(statsd);
                    assertTrue(packet.getBytes(StandardCharsets.UTF_8).length <= 508);
                    received.append(packet);
                }
                assertEquals(String.join("\n", first) + "\n" + String.join("\n", second) + "\n", received.toString());
                assertEquals("nsq.127_0_0_1_4151.topic.t5.message_count:1|c", first.get(0));
                assertEquals("nsq.127_0_0_1_4151.topic.t5.message_count:0|c", second.get(0));
                assertEquals("nsq.127_0_0_1_4151.mem.gc_runs:0|c", second.get(second.size() - 1));
                assertEquals(0, sender.droppedPackets());
            }
        }
    }

    @Test
    void shouldSpreadPacketsOverTheIntervalAsSpreadWriter() throws IOException
    {
        try (DatagramSocket statsd = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            statsd.setSoTimeout(5_000);
            try (StatsdSender sender = StatsdSender.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), statsd.getLocalPort())))
            {
                final List<byte[]> packets = new ArrayList<>();
                for (int i = 0; i < 4; i++)
                {
                    packets.add(("p" + i + "\n").getBytes(StandardCharsets.UTF_8));
                }

                sender.schedule(packets, 1_000, 4_000);

                assertEquals(1, sender.doWork(1_000));
                assertEquals(0, sender.doWork(1_999));
                assertEquals(1, sender.doWork(2_000));
                assertEquals(2, sender.doWork(10_000));
                assertEquals(0, sender.doWork(20_000));
                assertEquals(0, sender.pendingPackets());
                assertEquals(List.of("p0\n", "p1\n", "p2\n", "p3\n"),
                    List.of(receive(statsd), receive(statsd), receive(statsd), receive(statsd)));
            }
        }
    }

    @Test
    void shouldSendWhatIsLeftOfAPushBeforeTheNextOne() throws IOException
    {
        try (DatagramSocket statsd = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            statsd.setSoTimeout(5_000);
            final StatsdSender sender = StatsdSender.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), statsd.getLocalPort()));
            try (StatsdPusher pusher = new StatsdPusher(new StatsdOptions("", false, false), 40, 61_000_000_000L, sender))
            {
                final List<String> first = pusher.push(StatsFixtures.stats(), null, 0);
                final int firstPackets = StatsdPacketWriter.pack(first, 40).size();
                assertEquals(firstPackets - 1, sender.pendingPackets());

                pusher.push(new NsqdStats("OK", List.of(), null), null, 1_000);

                assertEquals(0, sender.pendingPackets());
                assertEquals(firstPackets, sender.sentPackets());
                final StringBuilder received = new StringBuilder();
                for (int i = 0; i < firstPackets; i++)
                {
                    received.append(receive(statsd));
                }
                assertEquals(String.join("\n", first) + "\n", received.toString());
                assertEquals("topic.t5.message_count:1|c", first.get(0));
            }
        }
    }
}
