package io.ringnsq.transport.nio;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One layer of a connection's byte stream between the socket and the protocol handler: the socket
 * itself, TLS, deflate or snappy. A connection starts on its socket; a handler pushes layers on top
 * in place (V2's upgrades after IDENTIFY, HTTPS from accept). Non-blocking throughout: a layer never
 * waits for the one below; it returns what it could do now and keeps the rest. Used only from the
 * connection's I/O agent thread.
 */
public interface StreamLayer
{
    /**
     * Decodes into {@code dst} what is available now.
     *
     * @return bytes added to {@code dst} (0 when nothing is ready yet), or -1 once the stream has ended.
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Takes plaintext from {@code src}, as much as this layer can hold now.
     *
     * @return bytes taken; 0 when the layer is full until a {@link #flush()} drains it.
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Pushes encoded bytes towards the socket.
     *
     * @return true when nothing is left pending in this layer or any below it.
     */
    boolean flush() throws IOException;

    /** Whether decoded input is waiting here that a {@link #read} would return without the socket being readable. */
    default boolean hasBufferedInput()
    {
        return false;
    }

    /** Releases what the layer holds; the socket is closed by the agent. */
    default void close()
    {
    }

    /** Makes a layer over {@code below}; {@code pending} holds bytes already read from below but not consumed. */
    interface Factory
    {
        StreamLayer create(StreamLayer below, ByteBuffer pending) throws IOException;
    }
}
