package io.ringnsq.transport.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * Server-side TLS as a {@link StreamLayer}, on an {@link SSLEngine}, never blocking. The handshake is driven
 * from {@link #read} and {@link #flush}: what the engine wants to send goes straight through the layer below,
 * bytes it waits for arrive with the next read, and its delegated tasks (certificate checks, key exchange
 * maths: short) run inline on the agent thread. Application data flows only once the handshake is complete;
 * plaintext written earlier is held (at most {@link #HELD_PLAINTEXT_LIMIT} bytes) and sent when it is.
 *
 * <p>Memory is bounded by the session's sizes: one buffer of records read ahead, one of records to send, and,
 * only when a record does not fit the caller's buffer, one of decoded plaintext. A record larger than the
 * session allows, bytes that are not TLS records, or a failed handshake make {@link #read} throw, and the
 * agent closes the connection; the engine's alert is sent first when the socket takes it.
 *
 * <p>The first record's header is judged as Go's server judges it ({@link FirstRecordCheck}) before the engine
 * sees it: what Go refuses there is refused with Go's alert or none, and the listener may answer below TLS in
 * plaintext, as upstream's nsqd does (its {@code E_IDENTIFY_FAILED} for a client that asked for TLS and then
 * sent plaintext).
 *
 * <p>While the handshake runs the connection must keep reading (no {@code pauseInput}): the handshake only
 * moves when the agent reads. Used only from the connection's agent thread.
 */
public final class TlsLayer implements StreamLayer
{
    /** Plaintext a handler may write before the handshake completes: held, and sent when it does. */
    public static final int HELD_PLAINTEXT_LIMIT = 16 * 1024;

    /** Reads from the layer below per call: what remains waits for the next readiness, so no socket hogs the agent. */
    private static final int READS_PER_CALL = 8;
    private static final int RECORD_HEADER = 5;
    /**
     * Records without application data taken in while a reply the engine owes (a TLS 1.3 key update) cannot be
     * sent for a full socket: the engine queues each reply without limit, so a peer that sends them and never
     * reads is cut off at this many.
     */
    private static final int MAX_RECORDS_WHILE_REPLY_WAITS = 64;

    /** Step outcomes of {@link #unwrapOnce}: a non-negative value is plaintext delivered to the caller. */
    private static final int MORE_PROGRESS = -1;
    private static final int NEEDS_BYTES = -2;
    private static final int STUCK = -3;

    /** Told once, on the agent thread, when the handshake has completed and application data may flow. */
    @FunctionalInterface
    public interface HandshakeListener
    {
        /**
         * The handshake is complete: {@link TlsLayer#session()} is set, and writes now go out encrypted. The
         * listener may write to and flush the connection from here.
         */
        void onHandshakeComplete(TlsLayer layer);

        /**
         * The first record's header is not one Go's server goes on with; Go's alert, if it sends one, is already
         * written. The listener may write a last answer to {@code plain}, the stream below TLS: the connection
         * closes as soon as this returns, and what the socket does not take at once is lost.
         *
         * @param goError Go's error text, e.g. {@code tls: first record does not look like a TLS handshake}.
         */
        default void onFirstRecordRefused(StreamLayer plain, String goError) throws IOException
        {
        }
    }

    private final SSLEngine engine;
    private final StreamLayer below;
    private final Runnable flushRequest;
    private final HandshakeListener listener;
    /** Wrap's source when only the handshake speaks, unwrap's target on a flush: empty, and this layer's own. */
    private final ByteBuffer nothing = ByteBuffer.allocate(0);
    /** Records read from below, not yet decoded (write mode: bytes from 0 to position). */
    private ByteBuffer netIn;
    /** Records encoded, not yet taken by the layer below (write mode). */
    private ByteBuffer netOut;
    /** Decoded plaintext that did not fit the caller's buffer (write mode); made on first need. */
    private ByteBuffer appIn;
    /** Plaintext written before the handshake completed (write mode); made on first need. */
    private ByteBuffer held;
    private TlsSessionInfo session;
    private boolean announced;
    /** The first record's header has been judged ({@link FirstRecordCheck}): the engine may read records. */
    private boolean firstRecordChecked;
    /** The peer's close_notify arrived, or the stream below ended: nothing more will be decoded. */
    private boolean inboundDone;
    private boolean endReported;
    private boolean closed;
    private int recordsWhileReplyWaits;
    private IOException failure;
    /** Calls into this layer under way on the stack: the listener may call back in, and only the outermost call settles. */
    private int depth;

    /**
     * A layer over {@code below} that starts the server handshake.
     *
     * @param engine a server-mode engine, configured, handshake not begun ({@link TlsSettings#newEngine()}).
     * @param pending bytes already read from below: the first TLS records (copied).
     * @param flushRequest asks the agent to flush this connection soon (a {@code Connection::markDirty}): for
     *     handshake records or held plaintext the socket could not take during a read.
     * @param listener told when the handshake completes; may be null.
     */
    public TlsLayer(
        final SSLEngine engine,
        final StreamLayer below,
        final ByteBuffer pending,
        final Runnable flushRequest,
        final HandshakeListener listener) throws IOException
    {
        this.engine = engine;
        this.below = below;
        this.flushRequest = flushRequest;
        this.listener = listener;
        final int packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(Math.max(packetSize, pending.remaining()));
        this.netIn.put(pending);
        this.netOut = ByteBuffer.allocate(packetSize);
        engine.beginHandshake();
    }

    /** The established session's facts, or null while the handshake runs. */
    public TlsSessionInfo session()
    {
        return session;
    }

    /** Whether application data flows: the handshake has completed (and stays so through later key updates). */
    public boolean isHandshakeComplete()
    {
        return session != null;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        checkUsable();
        depth++;
        try
        {
            int delivered = drainAppIn(dst);
            if (!closed)
            {
                delivered += process(dst, true);
            }
            settle();
            if (delivered == 0 && inboundDone && !hasAppIn())
            {
                endReported = true;
                return -1;
            }
            return delivered;
        }
        catch (final SSLException ex)
        {
            throw fail(ex);
        }
        finally
        {
            depth--;
        }
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        checkUsable();
        if (closed || engine.isOutboundDone())
        {
            throw new IOException("TLS session closed");
        }
        if (session == null)
        {
            return hold(src);
        }
        depth++;
        try
        {
            final int taken = flushHeld() ? wrapApplication(src) : 0;
            if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING)
            {
                process(nothing, false); // a post-handshake message the engine wants to send (key update)
            }
            settle();
            return taken;
        }
        catch (final SSLException ex)
        {
            throw fail(ex);
        }
        finally
        {
            depth--;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Plaintext held for the handshake does not count as pending here: the socket's readiness cannot help
     * it, and the layer asks for a flush itself once the handshake completes.
     */
    @Override
    public boolean flush() throws IOException
    {
        checkUsable();
        depth++;
        try
        {
            boolean drained = pushOut();
            if (drained && !closed)
            {
                if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING)
                {
                    process(nothing, false); // a handshake flight that waited for room goes on
                }
                if (session != null)
                {
                    flushHeld();
                }
                settle();
                drained = pushOut();
            }
            return drained && below.flush();
        }
        catch (final SSLException ex)
        {
            throw fail(ex);
        }
        finally
        {
            depth--;
        }
    }

    @Override
    public boolean hasBufferedInput()
    {
        if (failure != null || closed)
        {
            return false;
        }
        if (hasAppIn())
        {
            return true;
        }
        if (inboundDone)
        {
            return !endReported; // the end must still be reported, and the socket may never say so again
        }
        return session != null && wholeRecordBuffered();
    }

    /** Sends close_notify if the socket takes it now; nothing waits for it. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (failure != null)
        {
            return;
        }
        try
        {
            engine.closeOutbound();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++)
            {
                final SSLEngineResult result = engine.wrap(nothing, netOut);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && !pushOut())
                {
                    break;
                }
            }
            pushOut();
        }
        catch (final IOException | RuntimeException ex)
        {
            // closing anyway: the peer sees the end of the stream without close_notify
        }
    }

    /** Bytes of buffer this layer holds now, for tests that check it stays bounded. */
    int bufferedCapacity()
    {
        return netIn.capacity() + netOut.capacity()
            + (appIn == null ? 0 : appIn.capacity()) + (held == null ? 0 : held.capacity());
    }

    // ---------------------------------------------------------------- the engine

    /**
     * Drives the engine as far as it goes without waiting: tasks, handshake records out, records in.
     *
     * @param dst where decoded application data goes.
     * @param reading whether this is a read: it may read from below and deliver application data; a flush only
     *     carries on a handshake with what is already buffered.
     * @return plaintext bytes added to {@code dst}.
     */
    private int process(final ByteBuffer dst, final boolean reading) throws IOException
    {
        int delivered = 0;
        int reads = 0;
        while (true)
        {
            final HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK)
            {
                runTasks();
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP)
            {
                if (wrapHandshake())
                {
                    continue;
                }
                if (session == null)
                {
                    break; // our flight waits for room in the socket: flush() carries on
                }
                // a post-handshake message waits for room; records can still come in meanwhile
            }
            if (inboundDone)
            {
                break;
            }
            if (session != null && (!reading || !dst.hasRemaining() || hasAppIn()))
            {
                break;
            }
            final int step = unwrapOnce(dst);
            if (step >= 0)
            {
                delivered += step;
                continue;
            }
            if (step == MORE_PROGRESS)
            {
                continue;
            }
            if (step == STUCK || !reading || reads++ == READS_PER_CALL)
            {
                break;
            }
            final int n = below.read(netIn);
            if (n < 0)
            {
                inboundDone = true; // without close_notify: a truncation, reported as the end of the stream
                break;
            }
            if (n == 0)
            {
                break;
            }
        }
        return delivered;
    }

    /** Decodes one record from {@link #netIn}: plaintext delivered (≥ 0), or one of the step outcomes. */
    private int unwrapOnce(final ByteBuffer dst) throws IOException
    {
        if (netIn.position() == 0)
        {
            return NEEDS_BYTES;
        }
        if (!firstRecordChecked)
        {
            if (netIn.position() < FirstRecordCheck.HEADER_LENGTH)
            {
                return NEEDS_BYTES; // Go judges the whole header, so nothing is decided on less
            }
            firstRecordChecked = true;
            final FirstRecordCheck.Refusal refusal = FirstRecordCheck.check(netIn);
            if (refusal != null)
            {
                throw new FirstRecordRefused(refusal);
            }
        }
        // straight into the caller's buffer when nothing decoded waits before it; a record larger than the
        // room left there is decoded aside instead
        ByteBuffer target = hasAppIn() ? appIn : dst;
        SSLEngineResult result;
        netIn.flip();
        try
        {
            result = engine.unwrap(netIn, target);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && target == dst)
            {
                target = appIn();
                result = engine.unwrap(netIn, target);
            }
        }
        finally
        {
            netIn.compact();
        }
        noteHandshake(result);
        switch (result.getStatus())
        {
            case BUFFER_UNDERFLOW:
                if (!netIn.hasRemaining())
                {
                    growNetIn();
                }
                return NEEDS_BYTES;
            case BUFFER_OVERFLOW:
                if (appIn.position() == 0)
                {
                    growAppIn();
                    return MORE_PROGRESS;
                }
                return STUCK; // the caller drains what is decoded first
            case CLOSED:
                inboundDone = true;
                return MORE_PROGRESS;
            default:
                break;
        }
        if (session != null)
        {
            checkPostHandshake(result);
        }
        if (target == appIn && dst.hasRemaining() && hasAppIn())
        {
            return drainAppIn(dst);
        }
        if (target == dst && result.bytesProduced() > 0)
        {
            return result.bytesProduced();
        }
        return result.bytesConsumed() > 0 || result.bytesProduced() > 0 ? MORE_PROGRESS : STUCK;
    }

    /**
     * Encodes what the handshake wants sent and pushes it below.
     *
     * @return whether the engine moved on; false when its records wait for room in the socket.
     */
    private boolean wrapHandshake() throws IOException
    {
        while (true)
        {
            final SSLEngineResult result = engine.wrap(nothing, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW)
            {
                if (netOut.position() == 0)
                {
                    growNetOut();
                    continue;
                }
                final int before = netOut.position();
                pushOut();
                if (netOut.position() == before)
                {
                    return false;
                }
                continue;
            }
            noteHandshake(result);
            pushOut();
            return result.bytesProduced() > 0 || result.getHandshakeStatus() != HandshakeStatus.NEED_WRAP;
        }
    }

    /** Encodes as much of {@code src} as the layer below takes now, a record at a time. */
    private int wrapApplication(final ByteBuffer src) throws IOException
    {
        int taken = 0;
        while (src.hasRemaining() && pushOut())
        {
            final SSLEngineResult result = engine.wrap(src, netOut);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED)
            {
                throw new IOException("TLS session closed");
            }
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW)
            {
                growNetOut(); // netOut was empty: the session wants larger records than it held
                continue;
            }
            noteHandshake(result);
            taken += result.bytesConsumed();
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0)
            {
                break;
            }
        }
        pushOut();
        return taken;
    }

    /**
     * After the handshake: refuses a TLS 1.2 renegotiation, as Go's server does (a new handshake would stall
     * application data and make the agent wait on it), and bounds records taken in while a reply waits.
     */
    private void checkPostHandshake(final SSLEngineResult result) throws SSLException
    {
        final HandshakeStatus status = result.getHandshakeStatus();
        final boolean handshaking = status == HandshakeStatus.NEED_TASK || status == HandshakeStatus.NEED_WRAP
            || status == HandshakeStatus.NEED_UNWRAP;
        if (handshaking && !"TLSv1.3".equals(engine.getSession().getProtocol()))
        {
            throw new SSLException("renegotiation is not supported");
        }
        if (result.bytesProduced() == 0 && netOut.position() > 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
            && ++recordsWhileReplyWaits > MAX_RECORDS_WHILE_REPLY_WAITS)
        {
            throw new SSLException("the peer keeps sending while refusing to read our replies");
        }
    }

    private void runTasks()
    {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null)
        {
            task.run();
        }
    }

    private void noteHandshake(final SSLEngineResult result)
    {
        if (session == null && (result.getHandshakeStatus() == HandshakeStatus.FINISHED
            || result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && !engine.isInboundDone() && !engine.isOutboundDone()))
        {
            session = TlsSessionInfo.of(engine);
        }
    }

    // ---------------------------------------------------------------- buffers

    /** Writes {@link #netOut} to the layer below; true when it is empty. */
    private boolean pushOut() throws IOException
    {
        if (netOut.position() > 0)
        {
            netOut.flip();
            try
            {
                while (netOut.hasRemaining() && below.write(netOut) > 0)
                {
                    // the layer below may take the bytes in several bites
                }
            }
            finally
            {
                netOut.compact();
            }
        }
        if (netOut.position() == 0)
        {
            recordsWhileReplyWaits = 0;
            return true;
        }
        return false;
    }

    private int hold(final ByteBuffer src)
    {
        if (held == null)
        {
            held = ByteBuffer.allocate(HELD_PLAINTEXT_LIMIT);
        }
        final int n = Math.min(src.remaining(), held.remaining());
        final int limit = src.limit();
        src.limit(src.position() + n);
        held.put(src);
        src.limit(limit);
        return n;
    }

    /** Sends plaintext held for the handshake; true when none is left. */
    private boolean flushHeld() throws IOException
    {
        if (held == null || held.position() == 0)
        {
            return true;
        }
        held.flip();
        try
        {
            wrapApplication(held);
        }
        finally
        {
            held.compact();
        }
        return held.position() == 0;
    }

    private boolean hasAppIn()
    {
        return appIn != null && appIn.position() > 0;
    }

    private ByteBuffer appIn()
    {
        if (appIn == null)
        {
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        return appIn;
    }

    private int drainAppIn(final ByteBuffer dst)
    {
        if (!hasAppIn() || !dst.hasRemaining())
        {
            return 0;
        }
        appIn.flip();
        final int n = Math.min(appIn.remaining(), dst.remaining());
        final int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
        return n;
    }

    /** Whether {@link #netIn} holds at least one whole record, going by its header's length field. */
    private boolean wholeRecordBuffered()
    {
        final int buffered = netIn.position();
        if (buffered < RECORD_HEADER)
        {
            return false;
        }
        final int length = ((netIn.get(3) & 0xff) << 8) | (netIn.get(4) & 0xff);
        return buffered >= RECORD_HEADER + length;
    }

    /** A record larger than the buffer: grow to the session's packet size, which the engine caps. */
    private void growNetIn() throws SSLException
    {
        final int wanted = engine.getSession().getPacketBufferSize();
        if (wanted <= netIn.capacity())
        {
            throw new SSLException("TLS record larger than " + netIn.capacity() + " bytes");
        }
        netIn.flip();
        netIn = ByteBuffer.allocate(wanted).put(netIn);
    }

    private void growNetOut() throws SSLException
    {
        final int wanted = engine.getSession().getPacketBufferSize();
        if (wanted <= netOut.capacity())
        {
            throw new SSLException("TLS engine wants more than " + netOut.capacity() + " bytes for one record");
        }
        netOut.flip();
        netOut = ByteBuffer.allocate(wanted).put(netOut);
    }

    private void growAppIn() throws SSLException
    {
        final int wanted = engine.getSession().getApplicationBufferSize();
        if (wanted <= appIn.capacity())
        {
            throw new SSLException("TLS record decodes to more than " + appIn.capacity() + " bytes");
        }
        appIn = ByteBuffer.allocate(wanted);
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * At the end of the outermost call: tells the listener once the handshake has completed, sends what was
     * held for it, and asks the agent for a flush when records wait for room in the socket.
     */
    private void settle() throws IOException
    {
        if (depth != 1 || closed || failure != null)
        {
            return;
        }
        if (session != null && !announced)
        {
            announced = true;
            flushHeld();
            if (listener != null)
            {
                listener.onHandshakeComplete(this);
            }
        }
        if (netOut.position() > 0 || session != null && held != null && held.position() > 0)
        {
            flushRequest.run();
        }
    }

    private void checkUsable() throws IOException
    {
        if (failure != null)
        {
            throw failure;
        }
    }

    /**
     * The session is over: send the engine's alert (or Go's, for a first record Go refuses) if the socket takes
     * it, and fail every later call.
     */
    private IOException fail(final SSLException cause)
    {
        if (failure == null)
        {
            failure = new IOException((session == null ? "TLS handshake failed: " : "TLS failed: ") + cause.getMessage(), cause);
            try
            {
                if (cause instanceof FirstRecordRefused)
                {
                    refuse(((FirstRecordRefused)cause).refusal);
                }
                else
                {
                    engine.wrap(nothing, netOut); // after a fatal error the engine's next record is its alert
                    pushOut();
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // the connection closes either way
            }
        }
        return failure;
    }

    /** The engine never saw the record: Go's alert, if any, then the listener's plaintext answer. */
    private void refuse(final FirstRecordCheck.Refusal refusal) throws IOException
    {
        if (refusal.alert() != null)
        {
            netOut.put(refusal.alert()); // nothing of the engine's is queued: it has not spoken yet
            pushOut();
        }
        if (listener != null)
        {
            listener.onFirstRecordRefused(below, refusal.goError());
        }
    }

    /** A first record Go's server refuses, raised where the engine's own failures are and handled with them. */
    private static final class FirstRecordRefused extends SSLException
    {
        private static final long serialVersionUID = 1L;

        private final transient FirstRecordCheck.Refusal refusal;

        FirstRecordRefused(final FirstRecordCheck.Refusal refusal)
        {
            super(refusal.goError());
            this.refusal = refusal;
        }
    }
}
