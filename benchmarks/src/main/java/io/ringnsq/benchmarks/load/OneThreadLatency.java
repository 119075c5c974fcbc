package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * {@link LatencyLoad}'s run on one thread: it publishes (PUB per message, at its intended time) and consumes (RDY,
 * FIN per message) by busy-polling both non-blocking connections, so no timing passes through the scheduler's
 * hand-offs between a publishing, an answer-reading and a consuming thread. It takes one core; on a 2-core machine
 * the broker's shared thread has the other. Plain TCP only. Timings, stamps and counts as {@link LatencyLoad}'s.
 */
final class OneThreadLatency
{
    private static final int BUFFER = 1 << 20;
    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(60);
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final byte[] FIN = V2Wire.ascii("FIN ");

    private final long runId = ThreadLocalRandom.current().nextLong();
    private final Histogram fromIntended = new Histogram(HIGHEST, 3);
    private final Histogram fromWrite = new Histogram(HIGHEST, 3);
    private final ByteBuffer pubOut = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer pubIn = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer subOut = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer subIn = ByteBuffer.allocateDirect(BUFFER);
    private long measureFrom;
    private long acknowledged;
    private long received;

    private OneThreadLatency()
    {
    }

    static LatencyLoad.Result run(final InetSocketAddress address, final String topic, final String channel, final int rdy,
        final long rate, final int size, final long warmupNanos, final long runForNanos) throws IOException
    {
        return new OneThreadLatency().measure(address, topic, channel, rdy, rate, size, warmupNanos, runForNanos);
    }

    private LatencyLoad.Result measure(final InetSocketAddress address, final String topic, final String channel, final int rdy,
        final long rate, final int size, final long warmupNanos, final long runForNanos) throws IOException
    {
        try (SocketChannel sub = subscribe(address, topic, channel, rdy); SocketChannel pub = open(address))
        {
            pub.configureBlocking(false);
            final byte[] command = V2Wire.publish(topic, 1, size);
            final int bodyAt = command.length - size;
            final ByteBuffer stamp = ByteBuffer.wrap(command);
            final long total = Math.max(1, rate * (warmupNanos + runForNanos) / 1_000_000_000L);
            final double interval = 1e9 / rate;
            final long start = System.nanoTime();
            measureFrom = start + warmupNanos;
            final long publishLimit = start + warmupNanos + runForNanos + SETTLE_NANOS;
            long sent = 0;
            long measured = 0;
            long publishEnd = 0;
            long settleUntil = Long.MAX_VALUE;
            while (received < sent || acknowledged < sent || sent < total)
            {
                final long now = System.nanoTime();
                if (sent < total && now - publishLimit > 0)
                {
                    break; // the broker stopped taking: the counts say how far it got
                }
                while (sent < total && start + (long)(sent * interval) - now <= 0 && pubOut.remaining() >= command.length)
                {
                    final long due = start + (long)(sent * interval);
                    stamp.putLong(bodyAt, runId).putLong(bodyAt + 8, due).putLong(bodyAt + 16, System.nanoTime());
                    pubOut.put(command);
                    sent++;
                    if (due - measureFrom >= 0)
                    {
                        measured++;
                    }
                    if (sent == total)
                    {
                        publishEnd = System.nanoTime();
                        settleUntil = publishEnd + SETTLE_NANOS;
                    }
                }
                flush(pub, pubOut);
                readMessages(sub);
                flush(sub, subOut);
                readAnswers(pub);
                if (now - settleUntil > 0)
                {
                    break;
                }
                Thread.onSpinWait();
            }
            final double seconds = ((publishEnd != 0 ? publishEnd : System.nanoTime()) - start) / 1e9;
            return new LatencyLoad.Result(fromIntended, fromWrite, sent, acknowledged, measured, received, seconds);
        }
    }

    /** Connects, subscribes (waiting for the OK), sends RDY; the channel is then non-blocking. */
    private static SocketChannel subscribe(final InetSocketAddress address, final String topic, final String channel,
        final int rdy) throws IOException
    {
        final SocketChannel sub = open(address);
        try
        {
            final Socket socket = sub.socket();
            socket.getOutputStream().write(V2Wire.ascii("SUB " + topic + " " + channel + "\n"));
            V2Wire.readResponse(new DataInputStream(socket.getInputStream()), socket.getOutputStream());
            socket.getOutputStream().write(V2Wire.ascii("RDY " + rdy + "\n"));
            sub.configureBlocking(false);
            return sub;
        }
        catch (final IOException | RuntimeException ex)
        {
            sub.close();
            throw ex;
        }
    }

    /** A connection with the magic sent, still blocking: {@link #subscribe} and the loop make it non-blocking. */
    private static SocketChannel open(final InetSocketAddress address) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(address);
        channel.socket().setTcpNoDelay(true);
        channel.write(ByteBuffer.wrap(V2Wire.ascii("  V2")));
        return channel;
    }

    private static void flush(final SocketChannel channel, final ByteBuffer out) throws IOException
    {
        if (out.position() > 0)
        {
            out.flip();
            channel.write(out);
            out.compact();
        }
    }

    /** Reads what the consumer connection has: each message timed and FINed, heartbeats answered. */
    private void readMessages(final SocketChannel sub) throws IOException
    {
        if (sub.read(subIn) < 0)
        {
            throw new EOFException("nsqd closed the consumer connection");
        }
        final long arrived = System.nanoTime();
        subIn.flip();
        while (subIn.remaining() >= 8 && subIn.remaining() >= 4 + subIn.getInt(subIn.position()))
        {
            final int at = subIn.position();
            final int size = subIn.getInt(at);
            final int type = subIn.getInt(at + 4);
            final int data = at + 8;
            if (type == V2Wire.FRAME_MESSAGE)
            {
                subOut.put(FIN);
                subOut.put(subOut.position(), subIn, data + V2Wire.ID_OFFSET, V2Wire.ID_LENGTH)
                    .position(subOut.position() + V2Wire.ID_LENGTH).put((byte)'\n');
                final int body = data + V2Wire.MESSAGE_HEADER;
                if (size - 4 - V2Wire.MESSAGE_HEADER >= LatencyLoad.STAMP && subIn.getLong(body) == runId)
                {
                    received++;
                    final long due = subIn.getLong(body + 8);
                    if (due - measureFrom >= 0)
                    {
                        fromIntended.recordValue(Math.min(HIGHEST, Math.max(0, arrived - due)));
                        fromWrite.recordValue(Math.min(HIGHEST, Math.max(0, arrived - subIn.getLong(body + 16))));
                    }
                }
            }
            else
            {
                answerOrFail(subIn, at, type, size, subOut);
            }
            subIn.position(at + 4 + size);
        }
        subIn.compact();
    }

    /** Counts the publisher's OKs; heartbeats answered. */
    private void readAnswers(final SocketChannel pub) throws IOException
    {
        if (pub.read(pubIn) < 0)
        {
            throw new EOFException("nsqd closed the publishing connection");
        }
        pubIn.flip();
        while (pubIn.remaining() >= 8 && pubIn.remaining() >= 4 + pubIn.getInt(pubIn.position()))
        {
            final int at = pubIn.position();
            final int size = pubIn.getInt(at);
            if (!answerOrFail(pubIn, at, pubIn.getInt(at + 4), size, pubOut))
            {
                acknowledged++;
            }
            pubIn.position(at + 4 + size);
        }
        pubIn.compact();
    }

    /** A response frame: a heartbeat gets its NOP (true); an error frame throws; anything else is false. */
    private static boolean answerOrFail(final ByteBuffer in, final int at, final int type, final int size, final ByteBuffer out)
        throws IOException
    {
        final int length = size - 4;
        if (type == V2Wire.FRAME_ERROR)
        {
            final byte[] text = new byte[length];
            in.get(at + 8, text);
            throw new IOException("error frame: " + new String(text, StandardCharsets.UTF_8));
        }
        if (length != V2Wire.HEARTBEAT.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (in.get(at + 8 + i) != V2Wire.HEARTBEAT[i])
            {
                return false;
            }
        }
        out.put(V2Wire.NOP);
        return true;
    }
}
