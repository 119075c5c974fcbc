package io.ringnsq.transport.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import io.ringnsq.core.stats.NsqdStats;

/** A way of rendering a stats snapshot (/stats JSON, /stats text, /metrics). Implementations are stateless. */
public interface StatsFormat
{
    String contentType();

    /**
     * Writes the document.
     *
     * @param memory the memory figures, or null when not asked for
     * @param out    where the UTF-8 bytes go; not closed
     */
    void write(NsqdStats stats, NodeStatus node, MemoryStats memory, OutputStream out) throws IOException;

    /** The document as bytes. */
    default byte[] toBytes(final NsqdStats stats, final NodeStatus node, final MemoryStats memory)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try
        {
            write(stats, node, memory, out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
