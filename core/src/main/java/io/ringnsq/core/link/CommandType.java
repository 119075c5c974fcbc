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

    private CommandType()
    {
    }
}
