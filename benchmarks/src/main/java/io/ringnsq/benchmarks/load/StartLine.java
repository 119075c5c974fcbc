package io.ringnsq.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Connections of a load, one thread each, that start together as bench_writer's and bench_reader's workers do:
 * every thread sets its connection up (connect, upgrades, SUB), then waits for {@link #go()}, then runs its loop.
 * The first failure of any of them is kept, stops the others ({@code stopAll}) and is thrown by
 * {@link #awaitReady()} or {@link #join()}.
 */
final class StartLine
{
    /** What a connection does after the start; it owns (and closes) its socket. */
    interface Loop
    {
        void run() throws IOException;
    }

    /** Sets a connection up and returns its loop; closes what it opened if it throws. */
    interface Connection
    {
        Loop open() throws IOException;
    }

    private final CountDownLatch ready;
    private final CountDownLatch go = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Runnable stopAll;

    /** Starts {@code connections} threads named {@code name-<i>}, each opening {@code connection.apply(i)}. */
    StartLine(final String name, final int connections, final IntFunction<Connection> connection, final Runnable stopAll)
    {
        this.ready = new CountDownLatch(connections);
        this.stopAll = stopAll;
        for (int i = 0; i < connections; i++)
        {
            final Connection c = connection.apply(i);
            final Thread t = new Thread(() -> run(c), name + "-" + i);
            t.setDaemon(true); // a failed run must not keep the JVM alive
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void run(final Connection connection)
    {
        Loop loop = null;
        try
        {
            loop = connection.open();
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(ex);
        }
        finally
        {
            ready.countDown();
        }
        try
        {
            go.await();
            if (loop != null)
            {
                loop.run();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
        stopAll.run();
    }

    /** Waits until every connection is set up; if one failed, stops them all and throws its failure. */
    void awaitReady() throws IOException, InterruptedException
    {
        ready.await();
        if (failure.get() != null)
        {
            go();
            join();
        }
    }

    /** Lets every connection run its loop. */
    void go()
    {
        go.countDown();
    }

    /** Waits for every connection's loop to end; throws the first failure. */
    void join() throws IOException, InterruptedException
    {
        for (final Thread t : threads)
        {
            t.join();
        }
        final Throwable ex = failure.get();
        if (ex instanceof IOException io)
        {
            throw new IOException(io.getMessage(), io);
        }
        if (ex instanceof RuntimeException runtime)
        {
            throw runtime;
        }
    }
}
