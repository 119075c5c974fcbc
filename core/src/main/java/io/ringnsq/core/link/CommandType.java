package io.ringnsq.core.link;

/** What an I/O agent asks of the engine; one constant per {@link CommandEvent} kind. */
public final class CommandType
{
    /** A connection was accepted: {@code text} is its remote address. */
    public static final int CONNECT = 1;
    /** The socket is closed; the engine forgets the client. */
    public static final int DISCONNECT = 2;
    /** {@code identity}: the client's IDENTIFY, with the response to send. */
    public static final int IDENTIFY = 3;
    public static final int SUB = 4;
    /** {@code number}: the count. */
    public static final int RDY = 5;
    public static final int FIN = 6;
    /** {@code number}: the delay in ms, already clamped to the max. */
    public static final int REQ = 7;
    public static final int TOUCH = 8;
    public static final int CLS = 9;
    public static final int PUB = 10;
    public static final int MPUB = 11;
    /** {@code number}: the deferral in ms. */
    public static final int DPUB = 12;
    /**
     * An error the decoder found: {@code text} is the frame's text, {@code fatal} says whether the
     * connection closes after it. It goes through the engine so that it reaches the client after
     * the replies to the commands before it. {@code topic}, when set, is created first (upstream's
     * MPUB creates its topic before reading the body).
     */
    public static final int ERROR = 13;
    /** Close the connection without a frame, after the replies to earlier commands. */
    public static final int CLOSE = 14;
    /**
     * What the connection became since IDENTIFY, for /stats: {@code features} (TLS, compression,
     * authorization). No reply.
     */
    public static final int CLIENT_FEATURES = 15;
    /**
     * A response the handler produced itself (the AUTH reply), sent through the engine so it keeps its
     * place among the replies: {@code body} as a response frame.
     */
    public static final int RESPONSE = 16;

    // ---- administrative commands (HTTP API): each is answered by one OutboundType.RESULT event

    /** HTTP /pub: {@code topic}, {@code body}, {@code number} = deferral ms (0 = none). */
    public static final int HTTP_PUB = 20;
    /** HTTP /mpub: {@code topic}, {@code bodies}, {@code bodyCount}. */
    public static final int HTTP_MPUB = 21;
    public static final int TOPIC_CREATE = 22;
    public static final int TOPIC_DELETE = 23;
    public static final int TOPIC_EMPTY = 24;
    public static final int TOPIC_PAUSE = 25;
    public static final int TOPIC_UNPAUSE = 26;
    /** {@code topic}, {@code channel}; the topic must exist. */
    public static final int CHANNEL_CREATE = 27;
    public static final int CHANNEL_DELETE = 28;
    public static final int CHANNEL_EMPTY = 29;
    public static final int CHANNEL_PAUSE = 30;
    public static final int CHANNEL_UNPAUSE = 31;
    /**
     * A /stats snapshot: {@code topic} and {@code channel} filters ("" = all), {@code number} = 1 to
     * include clients. The RESULT's payload is an {@link io.ringnsq.core.stats.NsqdStats}.
     */
    public static final int STATS = 32;
    /**
     * nsqd's lookupd registration answers a topic the engine holds (see
     * {@link io.ringnsq.core.engine.TopologyListener#onTopicCreated}): {@code names} are the channels
     * lookupd knows for {@code topic}; the non-ephemeral ones are created, then the topic starts.
     */
    public static final int TOPIC_CHANNELS = 33;

    private CommandType()
    {
    }
}
