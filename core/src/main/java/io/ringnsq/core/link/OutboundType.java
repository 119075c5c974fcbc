package io.ringnsq.core.link;

/** What the engine asks an I/O agent to send; one constant per {@link OutboundEvent} kind. */
public final class OutboundType
{
    /** A response frame (type 0) with {@code data}. */
    public static final int RESPONSE = 1;
    /** An error frame (type 1) with {@code data}; {@code close} says whether the connection closes after it. */
    public static final int ERROR = 2;
    /** A message frame (type 2) from the message fields. */
    public static final int MESSAGE = 3;
    /** Close the connection after what is already queued for it. */
    public static final int CLOSE = 4;
    /**
     * The answer to an administrative or HTTP command: {@code result} is an {@link EngineResult} code,
     * {@code payload} what the command asked for (e.g. {@link io.ringnsq.core.stats.NsqdStats}).
     */
    public static final int RESULT = 5;
    /**
     * The IDENTIFY response (a response frame with {@code data}): the handler writes it in plaintext,
     * then performs the upgrades (TLS, snappy, deflate) it negotiated.
     */
    public static final int IDENTIFIED = 6;

    private OutboundType()
    {
    }
}
