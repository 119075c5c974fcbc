package io.ringnsq.transport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatsdPacketWriterTest
{
    private static List<String> strings(final List<byte[]> packets)
    {
        final List<String> out = new ArrayList<>();
        for (final byte[] packet : packets)
        {
            out.add(new String(packet, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void shouldFillToTheLimitAndNeverSplitALine()
    {
        final List<byte[]> packets = StatsdPacketWriter.pack(List.of("abcd", "efgh", "ij", "klmnopqrstuvwxyz", "z", "0123"), 10);

        assertEquals(List.of("abcd\nefgh\n", "ij\n", "klmnopqrstuvwxyz\n", "z\n0123\n"), strings(packets));
    }

    @Test
    void shouldStartANewPacketWhenALineIsOneByteTooLong()
    {
        assertEquals(List.of("abcd\n", "efghi\n"), strings(StatsdPacketWriter.pack(List.of("abcd", "efghi"), 10)));
        assertEquals(List.of("abcd\nefgh\n", "i\n"), strings(StatsdPacketWriter.pack(List.of("abcd", "efgh", "i"), 10)));
        assertEquals(List.of(), strings(StatsdPacketWriter.pack(List.of(), 10)));
    }

    @Test
    void shouldUseGosDefaultBufferForANonPositiveSize()
    {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++)
        {
            lines.add("nsq.h_4151.topic.t.channel.c.message_count:" + i + "|c");
        }

        final List<byte[]> packets = StatsdPacketWriter.pack(lines, 0);

        assertTrue(packets.size() > 1);
        for (final byte[] packet : packets.subList(0, packets.size() - 1))
        {
            assertTrue(packet.length <= StatsdPacketWriter.GO_DEFAULT_BUFFER);
            assertTrue(packet.length > StatsdPacketWriter.GO_DEFAULT_BUFFER - 60);
        }
    }

    @Test
    void shouldKeepEveryLineInOrderWithinTheDefaultSize()
    {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            lines.add("nsq.h_4151.topic.t" + i + ".depth:" + i * 7 + "|g");
        }

        final List<byte[]> packets = StatsdPacketWriter.pack(lines, 508);

        final StringBuilder all = new StringBuilder();
        for (final byte[] packet : packets)
        {
            assertTrue(packet.length <= 508);
            final String text = new String(packet, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\n"));
            all.append(text);
        }
        assertEquals(String.join("\n", lines) + "\n", all.toString());
    }
}
