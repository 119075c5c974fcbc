package io.ringnsq.lookup;

/**
 * What the V1 connections and the HTTP API of one lookupd share: the registry, and the lookupd's own details as
 * IDENTIFY answers them. Used only on the lookupd's I/O agent thread.
 */
final class LookupdNode
{
    private final RegistrationDb db;
    private final int maxIdentifyBodySize;
    private byte[] identifyReply;

    LookupdNode(final RegistrationDb db, final int maxIdentifyBodySize)
    {
        this.db = db;
        this.maxIdentifyBodySize = maxIdentifyBodySize;
    }

    RegistrationDb db()
    {
        return db;
    }

    int maxIdentifyBodySize()
    {
        return maxIdentifyBodySize;
    }

    /** The ports are known once the listeners are bound; set before the agent starts. */
    void identifyReply(final byte[] reply)
    {
        identifyReply = reply;
    }

    byte[] identifyReply()
    {
        return identifyReply;
    }
}
