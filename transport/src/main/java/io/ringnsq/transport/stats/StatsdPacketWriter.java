package io.ringnsq.transport.stats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs statsd lines into UDP payloads as upstream's {@code BoundaryBufferedWriter} over a
 * {@code bufio.Writer} of the packet size does: each line with its {@code \n} goes whole into the
 * current packet if it fits, else the packet is sent and the line starts the next one; a line
 * longer than a packet goes alone, never split. A pure function.
 */
public final class StatsdPacketWriter
{
    /** What {@code bufio.NewWriterSize} uses for a size of 0 or less (upstream's quirk, kept). */
    static final int GO_DEFAULT_BUFFER = 4096;

    private StatsdPacketWriter()
    {
    }

    /**
     * @param lines      lines without their {@code \n}
     * @param packetSize {@code --statsd-udp-packet-size}
     * @return the payloads in order, each the UTF-8 of whole lines each ending in {@code \n}
     */
    public static List<byte[]> pack(final List<String> lines, final int packetSize)
    {
        final int size = packetSize <= 0 ? GO_DEFAULT_BUFFER : packetSize;
        final List<byte[]> packets = new ArrayList<>();
        final byte[] buffer = new byte[size];
        int used = 0;
        for (final String line : lines)
        {
            final byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (bytes.length > size - used && used > 0)
            {
                packets.add(copy(buffer, used));
                used = 0;
            }
            if (bytes.length > size)
            {
                packets.add(bytes);
                continue;
            }
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }
        if (used > 0)
        {
            packets.add(copy(buffer, used));
        }
        return packets;
    }

    private static byte[] copy(final byte[] buffer, final int length)
    {
        final byte[] packet = new byte[length];
        System.arraycopy(buffer, 0, packet, 0, length);
        return packet;
    }
}
