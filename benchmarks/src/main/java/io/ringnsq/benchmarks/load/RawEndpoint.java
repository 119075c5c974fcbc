package io.ringnsq.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The machine's ceiling for the load tools: a trivial NSQ endpoint on one thread (Java NIO, one selector) with
 * nothing broker-like in the way. As a sink it answers every PUB, MPUB, DPUB (and IDENTIFY, AUTH, SUB) with OK and
 * drops the bodies; as a source it streams ready-made message frames of {@code size}-byte bodies to a subscribed
 * connection while fewer than its RDY are unfinished, and takes FIN (and REQ) as finishing one. No topics, ids,
 * heartbeats or timeouts; the command words are told apart by their first letters only. For the harness's
 * {@code limit} mode, on loopback.
 *
 * <p>As a relay ({@link #startRelay}) it is the latency floor instead: each PUB's body goes out at once, in a message
 * frame, to the first subscribed connection (RDY not enforced, nothing kept if none is subscribed), written in the same
 * turn of the loop that read it. For {@code latency --relay}.
 */
final class RawEndpoint implements AutoCloseable
{
    private static final int BUFFER = 256 * 1024;
    private static final int MAX_COMMAND = 64 * 1024 * 1024;
    private static final int MAX_LINE = 1024;
    private static final int TEMPLATE_FRAMES = 64;
    private static final byte[] OK = frame(V2Wire.FRAME_RESPONSE, "OK");
    private static final byte[] CLOSE_WAIT = frame(V2Wire.FRAME_RESPONSE, "CLOSE_WAIT");
    private static final byte[] INVALID = frame(V2Wire.FRAME_ERROR, "E_INVALID invalid command");
    private static final byte[] RELAY_ID = V2Wire.ascii("0".repeat(V2Wire.ID_LENGTH));

    private final ServerSocketChannel server;
    private final Selector selector;
    /** {@link #handle}, made once: a select allocates nothing. */
    private final Consumer<SelectionKey> onSelected = this::handle;
    private final Thread thread;
    /** {@link #TEMPLATE_FRAMES} message frames one after the other. */
    private final ByteBuffer template;
    private final int frameLength;
    private final boolean relay;
    /** The relay's receiving connection: the first one subscribed. */
    private SelectionKey subscriber;
    private volatile boolean running = true;
    // written by the endpoint's thread only
    private volatile long messagesIn;
    private volatile long messagesOut;
    private volatile long finished;

    private RawEndpoint(final ServerSocketChannel server, final Selector selector, final int size, final boolean relay)
    {
        this.server = server;
        this.selector = selector;
        this.relay = relay;
        this.frameLength = 4 + 4 + V2Wire.MESSAGE_HEADER + size;
        this.template = ByteBuffer.allocateDirect(frameLength * TEMPLATE_FRAMES);
        final long timestamp = System.currentTimeMillis() * 1_000_000L;
        for (int f = 0; f < TEMPLATE_FRAMES; f++)
        {
            template.putInt(frameLength - 4).putInt(V2Wire.FRAME_MESSAGE).putLong(timestamp).putShort((short)1)
                .put(V2Wire.ascii(String.format("%016x", f)));
            for (int b = 0; b < size; b++)
            {
                template.put((byte)'x');
            }
        }
        template.flip();
        this.thread = new Thread(this::run, "raw-endpoint");
        thread.setDaemon(true);
    }

    /** Listens on {@code bind} (port 0: any free one) and serves on a thread of its own until {@link #close()}. */
    static RawEndpoint start(final InetSocketAddress bind, final int size) throws IOException
    {
        return start(bind, size, false);
    }

    /** The same, relaying each PUB's body to the first subscriber instead of streaming ready-made messages. */
    static RawEndpoint startRelay(final InetSocketAddress bind) throws IOException
    {
        return start(bind, 0, true);
    }

    private static RawEndpoint start(final InetSocketAddress bind, final int size, final boolean relay) throws IOException
    {
        final ServerSocketChannel server = ServerSocketChannel.open();
        try
        {
            server.bind(bind);
            server.configureBlocking(false);
            final Selector selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            final RawEndpoint endpoint = new RawEndpoint(server, selector, size, relay);
            endpoint.thread.start();
            return endpoint;
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            throw ex;
        }
    }

    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)server.getLocalAddress();
    }

    /** Messages acknowledged with OK (a PUB is one, an MPUB its count). */
    long messagesIn()
    {
        return messagesIn;
    }

    /** Message frames sent. */
    long messagesOut()
    {
        return messagesOut;
    }

    /** FINs (and REQs) taken. */
    long finished()
    {
        return finished;
    }

    @Override
    public void close() throws IOException
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        for (final SelectionKey key : selector.keys())
        {
            key.channel().close();
        }
        selector.close();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                selector.select(onSelected);
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            if (running)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    private void handle(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.isAcceptable())
        {
            try
            {
                accept();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        else
        {
            serve(key);
        }
    }

    private void accept() throws IOException
    {
        final SocketChannel channel = server.accept();
        if (channel != null)
        {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            channel.register(selector, SelectionKey.OP_READ, new Peer());
        }
    }

    private void serve(final SelectionKey key)
    {
        final SocketChannel channel = (SocketChannel)key.channel();
        final Peer peer = (Peer)key.attachment();
        try
        {
            if (key.isReadable() && channel.read(peer.in) < 0)
            {
                channel.close();
                return;
            }
            boolean open = true;
            while (open)
            {
                peer.in.flip();
                final int parsedFrom = peer.in.position();
                open = parse(peer);
                flushRelay(key);
                final boolean parsed = peer.in.position() != parsedFrom;
                peer.in.compact();
                if (!peer.in.hasRemaining() && peer.in.capacity() < peer.needed)
                {
                    peer.grow();
                }
                final boolean filled = fill(peer);
                final int pending = peer.out.position();
                peer.out.flip();
                channel.write(peer.out);
                peer.out.compact();
                // the socket took less than all: OP_WRITE brings the rest (and what is left to parse) back
                if (peer.out.position() > 0 || !parsed && !filled && pending == 0)
                {
                    break;
                }
            }
            if (!open)
            {
                channel.close();
                return;
            }
            key.interestOps((peer.in.hasRemaining() ? SelectionKey.OP_READ : 0)
                | (peer.out.position() > 0 ? SelectionKey.OP_WRITE : 0));
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
        }
    }

    /** Takes the whole commands in {@code peer.in} (read mode) while their answers fit; false to close. */
    private boolean parse(final Peer peer)
    {
        final ByteBuffer in = peer.in;
        if (!peer.magic)
        {
            if (in.remaining() < 4)
            {
                return true;
            }
            in.position(in.position() + 4);
            peer.magic = true;
        }
        long published = 0;
        try
        {
            while (in.hasRemaining() && peer.out.remaining() >= INVALID.length)
            {
                final int start = in.position();
                int newline = -1;
                for (int i = start; i < in.limit() && i - start <= MAX_LINE; i++)
                {
                    if (in.get(i) == '\n')
                    {
                        newline = i;
                        break;
                    }
                }
                if (newline < 0)
                {
                    return in.remaining() <= MAX_LINE;
                }
                final byte first = in.get(start);
                final byte second = newline - start > 1 ? in.get(start + 1) : 0;
                if (first == 'P' || first == 'M' || first == 'D' || first == 'I' || first == 'A')
                {
                    // a command with a body: PUB, MPUB, DPUB, IDENTIFY, AUTH
                    if (in.limit() - newline - 1 < 4)
                    {
                        return true;
                    }
                    final int size = in.getInt(newline + 1);
                    final int whole = newline + 5 - start + size;
                    if (size < 0 || whole > MAX_COMMAND)
                    {
                        peer.out.put(INVALID);
                        return false;
                    }
                    if (in.limit() - start < whole)
                    {
                        peer.needed = whole;
                        return true;
                    }
                    if (relay && first == 'P')
                    {
                        forward(in, newline + 5, size);
                    }
                    if (first == 'M')
                    {
                        published += size >= 4 ? in.getInt(newline + 5) : 0;
                    }
                    else if (first == 'P' || first == 'D')
                    {
                        published++;
                    }
                    peer.out.put(OK);
                    in.position(start + whole);
                    continue;
                }
                in.position(newline + 1);
                if (first == 'F' || (first == 'R' && second == 'E'))
                {
                    peer.inFlight--; // FIN or REQ
                    finished++;
                }
                else if (first == 'R')
                {
                    peer.rdy = Long.parseLong(line(in, start + 4, newline));
                }
                else if (first == 'S')
                {
                    peer.subscribed = true;
                    peer.out.put(OK);
                    if (relay && subscriber == null)
                    {
                        subscriber = selector.keys().stream().filter(k -> k.attachment() == peer).findFirst().orElse(null);
                    }
                }
                else if (first == 'C')
                {
                    peer.out.put(CLOSE_WAIT);
                }
                else if (first != 'N' && first != 'T')
                {
                    peer.out.put(INVALID);
                    return false;
                }
            }
            return true;
        }
        catch (final NumberFormatException ex)
        {
            peer.out.put(INVALID);
            return false;
        }
        finally
        {
            messagesIn += published;
        }
    }

    /** Appends a message frame with the {@code size} bytes at {@code at} of {@code in} to the subscriber's output. */
    private void forward(final ByteBuffer in, final int at, final int size)
    {
        if (subscriber == null || !subscriber.isValid())
        {
            return;
        }
        final Peer to = (Peer)subscriber.attachment();
        final int length = 4 + 4 + V2Wire.MESSAGE_HEADER + size;
        if (to.out.remaining() < length)
        {
            to.growOut(to.out.position() + length);
        }
        to.out.putInt(length - 4).putInt(V2Wire.FRAME_MESSAGE).putLong(System.currentTimeMillis() * 1_000_000L)
            .putShort((short)1).put(RELAY_ID);
        to.out.put(to.out.position(), in, at, size).position(to.out.position() + size);
        to.inFlight++;
        messagesOut++;
    }

    /** Writes what {@link #forward} queued for the subscriber, unless it is the connection being served. */
    private void flushRelay(final SelectionKey served) throws IOException
    {
        if (subscriber == null || subscriber == served || !subscriber.isValid())
        {
            return;
        }
        final Peer to = (Peer)subscriber.attachment();
        if (to.out.position() > 0)
        {
            to.out.flip();
            ((SocketChannel)subscriber.channel()).write(to.out);
            to.out.compact();
            if (to.out.position() > 0)
            {
                subscriber.interestOps(subscriber.interestOps() | SelectionKey.OP_WRITE);
            }
        }
    }

    /** Adds message frames to {@code peer.out} while its RDY allows; whether it added any. */
    private boolean fill(final Peer peer)
    {
        if (!peer.subscribed || relay)
        {
            return false;
        }
        long sent = 0;
        while (peer.inFlight < peer.rdy && peer.out.remaining() >= frameLength)
        {
            final int frames = (int)Math.min(Math.min(peer.rdy - peer.inFlight, peer.out.remaining() / frameLength),
                TEMPLATE_FRAMES);
            peer.out.put(template.duplicate().limit(frames * frameLength));
            peer.inFlight += frames;
            sent += frames;
        }
        messagesOut += sent;
        return sent > 0;
    }

    private static String line(final ByteBuffer in, final int from, final int to)
    {
        final byte[] text = new byte[Math.max(0, to - from)];
        in.get(from, text);
        return new String(text, StandardCharsets.US_ASCII).trim();
    }

    private static byte[] frame(final int type, final String data)
    {
        final byte[] text = V2Wire.ascii(data);
        return ByteBuffer.allocate(8 + text.length).putInt(4 + text.length).putInt(type).put(text).array();
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // closing after a failure: nothing more to do
        }
    }

    private static final class Peer
    {
        ByteBuffer in = ByteBuffer.allocateDirect(BUFFER);
        ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);
        boolean magic;
        boolean subscribed;
        long rdy;
        long inFlight;
        /** The size of the command that does not fit in {@link #in}. */
        int needed;

        void grow()
        {
            final ByteBuffer larger = ByteBuffer.allocateDirect(needed);
            in.flip();
            larger.put(in);
            in = larger;
        }

        /** A relay's subscriber whose reader is slow: the output grows rather than lose a message. */
        void growOut(final int capacity)
        {
            final ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(capacity, 2 * out.capacity()));
            out.flip();
            larger.put(out);
            out = larger;
        }
    }
}
