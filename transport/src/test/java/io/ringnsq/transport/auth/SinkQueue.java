package io.ringnsq.transport.auth;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for an I/O agent's task queue: the auth client may only post to it, and the test
 * thread runs what was posted, as the agent would in its duty cycle.
 */
final class SinkQueue implements Executor, AuthCallback
{
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private AuthResult result;
    private Thread callbackThread;
    private int callbacks;

    @Override
    public void execute(final Runnable task)
    {
        tasks.add(task);
    }

    @Override
    public void onResult(final AuthResult outcome)
    {
        result = outcome;
        callbackThread = Thread.currentThread();
        callbacks++;
    }

    /** Waits for the next posted task, runs it here, and returns the result it delivered. */
    AuthResult drain() throws InterruptedException
    {
        final Runnable task = tasks.poll(15, TimeUnit.SECONDS);
        assertNotNull(task, "nothing was posted to the sink");
        task.run();
        assertSame(Thread.currentThread(), callbackThread, "the callback must run on the sink's thread");
        return result;
    }

    /** Runs the next posted task here, whatever it does. */
    void runNext() throws InterruptedException
    {
        final Runnable task = tasks.poll(15, TimeUnit.SECONDS);
        assertNotNull(task, "nothing was posted to the sink");
        task.run();
    }

    boolean hasTasks()
    {
        return !tasks.isEmpty();
    }

    /** Waits for a task without running it. */
    boolean awaitTask(final long millis) throws InterruptedException
    {
        final long deadline = System.nanoTime() + millis * 1_000_000L;
        while (tasks.isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        return !tasks.isEmpty();
    }

    int callbacks()
    {
        return callbacks;
    }
}
