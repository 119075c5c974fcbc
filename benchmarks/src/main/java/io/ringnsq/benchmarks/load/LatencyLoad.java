package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Publish-to-delivery latency at a fixed rate. Consumers subscribe first ({@link ReadLoad}); then one connection
 * publishes {@code rate} messages a second with PUB, message {@code i} due at {@code start + i / rate} (its intended
 * send time), for {@code warmup + runFor}; a message written late is written at once, so a stall shows as latency,
 * not as fewer messages. Each body starts with the run's id, the intended send time and the time it was written
 * ({@link System#nanoTime()} of this process, big-endian); a consumer times each message from both at the read that
 * brought it, into two HdrHistograms: from the intended time (corrected for coordinated omission: a stall of the
 * publisher or the broker counts against every message that should have gone meanwhile) and from the write (what a
 * client sees once the message is on its way). Messages due in the warm-up are consumed but not recorded, and
 * messages of another run (a backlog on the topic) are finished and ignored.
 */
final class LatencyLoad
{
    /** The body's stamp: run id, intended send time, write time. */
    static final int STAMP = 24;
    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(60);
    /** Awaiting the OKs of the last messages, and the last deliveries, after publishing ends. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The two latency histograms (nanoseconds) and the counts behind them. */
    record Result(Histogram fromIntended, Histogram fromWrite, long published, long acknowledged, long measured,
        long received, double publishSeconds)
    {
    }

    private final long runId = ThreadLocalRandom.current().nextLong();
    private final List<Histogram> fromIntended = new ArrayList<>();
    private final List<Histogram> fromWrite = new ArrayList<>();
    private volatile long measureFrom = Long.MAX_VALUE;

    private LatencyLoad()
    {
    }

    /**
     * Runs it. {@code spin}: wait for each message's time by spinning (one core busy, no oversleep) rather than
     * parking (the OS wakes the publisher some tens of microseconds late, and it then writes what is due at once).
     */
    static Result run(final InetSocketAddress address, final String transport, final String topic, final String channel,
        final int connections, final int rdy, final long rate, final int size, final long warmupNanos, final long runForNanos,
        final boolean spin) throws IOException, InterruptedException
    {
        if (size < STAMP)
        {
            throw new IllegalArgumentException("a latency message carries a " + STAMP + "-byte stamp: --size must be at least " + STAMP);
        }
        final LatencyLoad load = new LatencyLoad();
        final ReadLoad readers = new ReadLoad(address, transport, topic, channel, connections, rdy, load::handler);
        readers.start(warmupNanos + runForNanos + 2 * SETTLE_NANOS);
        final long total = Math.max(1, rate * (warmupNanos + runForNanos) / 1_000_000_000L);
        Publisher publisher = null;
        long published = 0;
        final long start;
        final long end;
        try
        {
            publisher = new Publisher(address, transport, topic, size, load.runId);
            start = System.nanoTime();
            load.measureFrom = start + warmupNanos;
            published = publisher.publish(start, rate, total, load.measureFrom,
                start + warmupNanos + runForNanos + SETTLE_NANOS, spin);
            end = System.nanoTime();
        }
        finally
        {
            if (publisher != null)
            {
                publisher.close(); // awaits the OKs
            }
            readers.target(published); // after a failure 0: the consumers stop at once
        }
        final double publishSeconds = (end - start) / 1e9;
        final ReadLoad.Totals totals = readers.finish();
        final Histogram intended = new Histogram(HIGHEST, 3);
        final Histogram written = new Histogram(HIGHEST, 3);
        synchronized (load.fromIntended)
        {
            load.fromIntended.forEach(intended::add);
            load.fromWrite.forEach(written::add);
        }
        return new Result(intended, written, published, publisher.acknowledged.sum(),
            publisher.measured, totals.messages(), publishSeconds);
    }

    /** One consumer connection's handler, with histograms of its own (merged once the run is over). */
    private ReadLoad.BodyHandler handler(final int index)
    {
        final Histogram intended = new Histogram(HIGHEST, 3);
        final Histogram written = new Histogram(HIGHEST, 3);
        synchronized (fromIntended)
        {
            fromIntended.add(intended);
            fromWrite.add(written);
        }
        return (buffer, offset, length, arrived) ->
        {
            if (length < STAMP || longAt(buffer, offset) != runId)
            {
                return false;
            }
            final long due = longAt(buffer, offset + 8);
            if (due >= measureFrom)
            {
                intended.recordValue(Math.min(HIGHEST, Math.max(0, arrived - due)));
                written.recordValue(Math.min(HIGHEST, Math.max(0, arrived - longAt(buffer, offset + 16))));
            }
            return true;
        };
    }

    private static long longAt(final byte[] b, final int offset)
    {
        return (long)V2Wire.intAt(b, offset) << 32 | V2Wire.intAt(b, offset + 4) & 0xFFFF_FFFFL;
    }

    /** The paced publisher: PUB per message on one connection; a thread of its own reads the OKs. */
    private static final class Publisher implements AutoCloseable
    {
        private final Socket socket;
        private final UpgradedStream stream;
        private final byte[] command;
        private final ByteBuffer stamp;
        private final int bodyAt;
        private final long runId;
        private final Thread responses;
        private final LongAdder acknowledged = new LongAdder();
        private final AtomicReference<IOException> failure = new AtomicReference<>();
        private volatile long expected = Long.MAX_VALUE;
        /** Messages published that are due at or after the warm-up's end. */
        private long measured;

        Publisher(final InetSocketAddress address, final String transport, final String topic, final int size, final long runId)
            throws IOException
        {
            this.socket = V2Wire.connect(address);
            try
            {
                this.stream = UpgradedStream.open(socket, transport);
            }
            catch (final IOException | RuntimeException ex)
            {
                socket.close();
                throw ex;
            }
            this.command = V2Wire.publish(topic, 1, size);
            this.bodyAt = command.length - size;
            this.stamp = ByteBuffer.wrap(command);
            this.runId = runId;
            this.responses = new Thread(this::readResponses, "latency-oks");
            responses.setDaemon(true);
            responses.start();
        }

        /** Publishes {@code total} messages paced from {@code start}, or fewer if {@code limit} passes; how many. */
        long publish(final long start, final long rate, final long total, final long measureFrom, final long limit,
            final boolean spin) throws IOException
        {
            final OutputStream out = stream.out;
            final double interval = 1e9 / rate;
            long sent = 0;
            while (sent < total && failure.get() == null)
            {
                final long due = start + (long)(sent * interval);
                long now = System.nanoTime();
                if (due - now > 0)
                {
                    out.flush(); // what is due is on its way before the wait
                    while (due - now > 0)
                    {
                        if (spin)
                        {
                            Thread.onSpinWait();
                        }
                        else
                        {
                            LockSupport.parkNanos(due - now);
                        }
                        now = System.nanoTime();
                    }
                }
                if (now - limit > 0)
                {
                    break;
                }
                stamp.putLong(bodyAt, runId).putLong(bodyAt + 8, due).putLong(bodyAt + 16, System.nanoTime());
                out.write(command);
                sent++;
                if (due - measureFrom >= 0)
                {
                    measured++;
                }
            }
            out.flush();
            expected = sent;
            if (failure.get() != null)
            {
                throw failure.get();
            }
            return sent;
        }

        private void readResponses()
        {
            // no NOP for heartbeats: the publisher's stream of PUBs keeps the connection alive
            try
            {
                final DataInputStream in = stream.in;
                final V2Wire.FrameReader frame = new V2Wire.FrameReader();
                while (acknowledged.sum() < expected)
                {
                    frame.read(in);
                    if (frame.type() == V2Wire.FRAME_ERROR)
                    {
                        throw new IOException("error frame: " + frame.text());
                    }
                    if (!frame.isHeartbeat())
                    {
                        acknowledged.increment();
                    }
                }
            }
            catch (final IOException ex)
            {
                if (acknowledged.sum() < expected)
                {
                    failure.compareAndSet(null, ex);
                }
            }
        }

        /** Waits (a while) for the OK of every message published, then closes. */
        @Override
        public void close() throws IOException
        {
            final long until = System.nanoTime() + SETTLE_NANOS;
            try
            {
                while (acknowledged.sum() < expected && responses.isAlive() && System.nanoTime() - until < 0)
                {
                    Thread.sleep(1);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            finally
            {
                socket.close(); // ends the reading thread, when the OKs are all in or will not come
            }
        }
    }
}
