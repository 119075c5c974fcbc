package io.ringnsq.transport.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import io.ringnsq.core.link.IoLink;
import org.agrona.BitUtil;

/**
 * One accepted socket and its buffers, owned by exactly one {@link IoAgent}. Its handler reads
 * {@link #input()}, writes into {@link #output()}, and asks the agent for a timer, a flush or a close;
 * the agent does the syscalls.
 */
public final class Connection
{
    static final long NO_TIMER = -1;

    private final long id;
    private final IoAgent agent;
    final SocketChannel channel;
    private final String remoteAddress;
    /** Large-frame buffers up to this size are kept for reuse (bench_writer's MPUBs of 200 x 200 B take 64 KiB). */
    static final int SPARE_INPUT_LIMIT = 256 * 1024;
    private ByteBuffer input;
    /** The direct buffer of the default size, kept while a larger one holds a large frame. */
    private final ByteBuffer defaultInput;
    /** The last large-frame buffer, kept for the next large frame (MPUBs come in a stream of them). */
    private ByteBuffer spareInput;
    private final OutboundBuffer output;
    ConnectionHandler handler;
    SelectionKey key;
    /** The top of the connection's byte stream: the socket, or TLS and compression above it. */
    StreamLayer layer;

    long timerId = NO_TIMER;
    /** The peer closed its side; what is left in the input buffer is all there will be. */
    boolean endOfStream;
    /** Decoding stopped on a full command ring; resumed by the agent when there is room. */
    boolean blocked;
    boolean inputStopped;
    /** The handler paused reading until it calls {@link #resumeInput()}. */
    boolean inputPaused;
    boolean closing;
    boolean closed;
    boolean dirty;
    long closeDeadline;
    /** Output failed to drain completely and has not drained since. */
    boolean writeStalled;
    /** When {@link #writeStalled} began. */
    long writeStalledSince;
    private int flushThreshold = Integer.MAX_VALUE;

    Connection(
        final long id,
        final IoAgent agent,
        final SocketChannel channel,
        final String remoteAddress,
        final int inputCapacity,
        final int outputCapacity)
    {
        this.id = id;
        this.agent = agent;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.defaultInput = ByteBuffer.allocateDirect(inputCapacity);
        this.input = defaultInput;
        this.output = new OutboundBuffer(outputCapacity);
        this.layer = new SocketLayer(channel);
    }

    public long id()
    {
        return id;
    }

    public String remoteAddress()
    {
        return remoteAddress;
    }

    /** Received bytes from index 0 to the buffer's position (write mode). */
    public ByteBuffer input()
    {
        return input;
    }

    public OutboundBuffer output()
    {
        return output;
    }

    public SocketChannel channel()
    {
        return channel;
    }

    /** The top of the byte stream, where output is written ({@link OutboundBuffer#claim}). */
    public StreamLayer layer()
    {
        return layer;
    }

    /**
     * Puts a layer (TLS, compression) on top of the stream, in place. Bytes already read but not
     * consumed by the handler belong to the new layer's encoding, so they move into it; output must
     * be flushed first, for it was written under the old layering.
     *
     * @throws IllegalStateException if output is still pending.
     */
    public void pushLayer(final StreamLayer.Factory factory) throws IOException
    {
        if (!output.isEmpty())
        {
            throw new IllegalStateException("output still pending under the current layers");
        }
        input.flip();
        final ByteBuffer pending = ByteBuffer.allocate(input.remaining()).put(input).flip();
        input.clear();
        layer = factory.create(layer, pending);
        agent.readAgain(this); // the new layer may already hold input
    }

    /** Writes what is buffered now, without waiting for the end of the duty cycle. */
    public boolean flushNow()
    {
        agent.flush(this);
        return output.isEmpty() && !writeStalled;
    }

    public IoLink link()
    {
        return agent.link();
    }

    /** Runs work on this connection's agent thread: for answers that arrive on other threads. */
    public java.util.concurrent.Executor agentExecutor()
    {
        return agent::execute;
    }

    /** The time of the agent's current duty cycle. */
    public long now()
    {
        return agent.now();
    }

    public boolean isClosing()
    {
        return closing || closed;
    }

    /**
     * Makes the input buffer hold at least {@code bytes}: the handler asks after checking the frame's
     * declared size against its limit, never before.
     */
    public void requireInputCapacity(final int bytes)
    {
        if (bytes > input.capacity())
        {
            // on the heap: the GC reclaims it cheaply once dropped, where a direct buffer per large frame would be
            // slow to allocate and free; the last one is kept for the next large frame, up to SPARE_INPUT_LIMIT
            final ByteBuffer bigger = spareInput != null && spareInput.capacity() >= bytes
                ? spareInput.clear()
                : ByteBuffer.allocate(BitUtil.findNextPositivePowerOfTwo(bytes));
            spareInput = null;
            input.flip();
            bigger.put(input);
            input = bigger;
        }
    }

    /** Back to the default buffer after a large frame, once nothing is buffered. */
    void shrinkInputIfIdle()
    {
        if (input.position() == 0 && input != defaultInput)
        {
            if (input.capacity() <= SPARE_INPUT_LIMIT)
            {
                spareInput = input;
            }
            input = defaultInput.clear();
        }
    }

    /** Output written into {@link #output()}: flush it by the end of this duty cycle. */
    public void markDirty()
    {
        agent.markDirty(this);
        if (output.buffered() >= flushThreshold)
        {
            agent.flush(this);
        }
    }

    /** Flush as soon as this many bytes are buffered (IDENTIFY's output_buffer_size). */
    public void flushThreshold(final int bytes)
    {
        this.flushThreshold = bytes;
    }

    /** One timer per connection: re-arming replaces the previous deadline. */
    public void scheduleTimer(final long deadline)
    {
        agent.scheduleTimer(this, deadline);
    }

    /**
     * Decode the buffered input again in the next duty cycle, even if no new bytes arrive: for a
     * handler that stopped decoding to wait for something (an engine reply) and can go on now.
     */
    public void resumeInput()
    {
        agent.resumeInput(this);
    }

    /**
     * Stop reading this socket until {@link #resumeInput()}: for a handler that waits for something
     * (an engine reply) before it decodes more, so TCP pushes back instead of the buffer filling.
     */
    public void pauseInput()
    {
        agent.pauseInput(this);
    }

    public void cancelTimer()
    {
        agent.cancelTimer(this);
    }

    /** Whether output has failed to drain since {@link #writeStalledSince()}. */
    public boolean isWriteStalled()
    {
        return writeStalled;
    }

    /** When output last began failing to drain; meaningful while {@link #isWriteStalled()}. */
    public long writeStalledSince()
    {
        return writeStalledSince;
    }

    /** Stop reading, send what is queued, then close. */
    public void closeAfterFlush()
    {
        agent.closeAfterFlush(this);
    }

    /** Close now, dropping unsent output. */
    public void close()
    {
        agent.close(this);
    }

    @Override
    public String toString()
    {
        return remoteAddress;
    }
}
