package io.ringnsq.core.engine;

/**
 * Durable mode: a publish whose answer waits until its messages are stored. It is the token its disk
 * append carries, and it holds its place among the client's replies ({@link HeldReplies}).
 */
final class StoreAck
{
    final Client client;
    /** The PUB, MPUB or DPUB command, or null for an HTTP publish (answered with a RESULT). */
    final String command;
    final String topic;
    final int count;
    private boolean done;
    private String error;

    StoreAck(final Client client, final String command, final String topic, final int count)
    {
        this.client = client;
        this.command = command;
        this.topic = topic;
        this.count = count;
    }

    void stored()
    {
        done = true;
    }

    void failed(final String error)
    {
        done = true;
        this.error = error;
    }

    boolean isDone()
    {
        return done;
    }

    /** Null when stored, else the write error. */
    String error()
    {
        return error;
    }
}
