package io.ringnsq.transport.v2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import io.ringnsq.core.Names;
import io.ringnsq.core.link.ClientFeatures;
import io.ringnsq.core.link.ClientIdentity;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import io.ringnsq.core.message.MessageIds;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.auth.AuthReplies;
import io.ringnsq.transport.auth.AuthResult;
import io.ringnsq.transport.auth.Authorizations;
import io.ringnsq.transport.auth.Permission;
import io.ringnsq.transport.nio.ConnectionHandler;
import io.ringnsq.transport.tls.TlsSessionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * nsqd's TCP protocol "V2" on one connection (spec §1). Decoding checks every command in
 * upstream's order and with upstream's error text and fatality, before reading anything a size
 * field announces, and hands valid commands to the engine. Errors also go through the engine, so
 * every frame reaches the client in command order. The connection's timer drives heartbeats and
 * closes a client that sent no command for two heartbeat intervals.
 */
public final class V2Handler implements ConnectionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(V2Handler.class);
    /** "  V2". */
    private static final int MAGIC_V2 = 0x20205632;
    /** A command line must fit upstream's 16 KiB read buffer. */
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_TOKENS = 8;
    private static final int NEED_MORE = 0;
    private static final int STOP = -2;
    /** checkAuth's answer when the command may go on (distinct from every decode result). */
    private static final int AUTH_OK = Integer.MIN_VALUE;

    private static final int STATE_INIT = 0;
    private static final int STATE_SUBSCRIBED = 3;
    private static final int STATE_CLOSING = 4;

    private static final byte[] OK = V2Frames.OK;
    private static final byte[] IDENTIFY = bytes("IDENTIFY");
    private static final byte[] SUB = bytes("SUB");
    private static final byte[] RDY = bytes("RDY");
    private static final byte[] FIN = bytes("FIN");
    private static final byte[] REQ = bytes("REQ");
    private static final byte[] TOUCH = bytes("TOUCH");
    private static final byte[] CLS = bytes("CLS");
    private static final byte[] NOP = bytes("NOP");
    private static final byte[] PUB = bytes("PUB");
    private static final byte[] MPUB = bytes("MPUB");
    private static final byte[] DPUB = bytes("DPUB");
    private static final byte[] AUTH = bytes("AUTH");

    private final V2Limits limits;
    private final V2Features features;
    private final V2Upgrades upgrades;
    private final V2Auth auth;
    private final Connection connection;
    private final IoLink link;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final int[] tokenStart = new int[MAX_TOKENS];
    private final int[] tokenEnd = new int[MAX_TOKENS];
    private final V2Frames frames = new V2Frames();
    private int tokenCount;

    private boolean magicReceived;
    private boolean stopped;
    private int state = STATE_INIT;

    private long heartbeatNs;
    private long lastCommandAt;
    private long nextHeartbeatAt;
    private long msgTimeoutMs;
    private long outputBufferSize = V2Limits.DEFAULT_OUTPUT_BUFFER_SIZE;
    private long outputBufferTimeoutMs;

    /** The last topic name published to, so repeated PUBs to one topic make no new String. */
    private final byte[] topicBytes = new byte[Names.MAX_LENGTH];
    private int topicLength = -1;
    private String topic;

    /** Progress through an MPUB whose messages are still arriving: offsets from the frame start. */
    private int mpubNextIndex;
    private int mpubNextOffset;

    public V2Handler(final V2Limits limits, final V2Features features, final Connection connection)
    {
        this.limits = limits;
        this.features = features;
        this.connection = connection;
        this.upgrades = new V2Upgrades(features, connection, this::afterUpgrades);
        this.auth = new V2Auth(features.auth, connection);
        this.link = connection.link();
        this.heartbeatNs = limits.defaultHeartbeatNs;
        this.msgTimeoutMs = limits.msgTimeoutMs;
        this.outputBufferTimeoutMs = limits.outputBufferTimeoutMs;
        final long now = connection.now();
        this.lastCommandAt = now;
        this.nextHeartbeatAt = now + heartbeatNs;
        connection.flushThreshold((int)outputBufferSize);
        scheduleTimer();
    }

    /** Makes handlers for a listener. */
    public static ConnectionHandler.Factory factory(final V2Limits limits, final V2Features features)
    {
        return connection -> new V2Handler(limits, features, connection);
    }

    /** Plain V2: no TLS, compression or AUTH offered. */
    public static ConnectionHandler.Factory factory(final V2Limits limits)
    {
        return factory(limits, V2Features.NONE);
    }

    // ================================================================ decoding

    @Override
    public int onInput(final Connection c, final boolean endOfStream)
    {
        final ByteBuffer in = c.input();
        view.wrap(in, 0, in.capacity());
        final int end = in.position();
        int pos = 0;
        boolean blocked = false;
        while (!stopped)
        {
            final int consumed = decodeOne(pos, end, endOfStream);
            if (consumed > 0)
            {
                pos += consumed;
                lastCommandAt = c.now();
                continue;
            }
            blocked = consumed == BLOCKED;
            break;
        }
        if (stopped)
        {
            pos = end; // after a fatal error nothing more is read
        }
        if (pos > 0)
        {
            // the buffer may have grown during decoding: compact the current one, which holds the same bytes
            final ByteBuffer current = c.input();
            current.limit(end).position(pos);
            current.compact();
        }
        return blocked ? BLOCKED : pos;
    }

    private int decodeOne(final int pos, final int end, final boolean endOfStream)
    {
        final int available = end - pos;
        if (available == 0)
        {
            return endOfStream ? requestClose() : NEED_MORE;
        }
        if (!link.hasCommandCapacity(1))
        {
            return BLOCKED;
        }
        if (upgrades.inProgress() || auth.pending())
        {
            // the rest belongs to layers not yet in place, or waits for the auth server's answer
            return endOfStream ? requestClose() : NEED_MORE;
        }
        if (!magicReceived)
        {
            if (available < 4)
            {
                return endOfStream ? requestClose() : NEED_MORE;
            }
            if (view.getInt(pos, ByteOrder.BIG_ENDIAN) != MAGIC_V2)
            {
                return fatal("E_BAD_PROTOCOL");
            }
            magicReceived = true;
            return 4;
        }
        final int newline = indexOfNewline(pos, Math.min(end, pos + MAX_LINE));
        if (newline < 0)
        {
            // upstream's read of an over-long line fails and it closes without an error frame
            return available >= MAX_LINE || endOfStream ? requestClose() : NEED_MORE;
        }
        int lineEnd = newline;
        if (lineEnd > pos && view.getByte(lineEnd - 1) == '\r')
        {
            lineEnd--;
        }
        tokenize(pos, lineEnd);
        return execute(pos, newline + 1, end, endOfStream);
    }

    private int execute(final int pos, final int next, final int end, final boolean eof)
    {
        if (features.tlsRequired && !upgrades.tlsActive() && !nameIs(IDENTIFY))
        {
            return fatal("E_INVALID cannot " + token(0) + " in current state (TLS required)");
        }
        if (nameIs(PUB))
        {
            return pub(pos, next, end, eof, 0);
        }
        if (nameIs(FIN))
        {
            return finish(pos, next);
        }
        if (nameIs(RDY))
        {
            return ready(pos, next);
        }
        if (nameIs(MPUB))
        {
            return mpub(pos, next, end, eof);
        }
        if (nameIs(NOP))
        {
            return next - pos;
        }
        if (nameIs(REQ))
        {
            return requeue(pos, next);
        }
        if (nameIs(TOUCH))
        {
            return touch(pos, next);
        }
        if (nameIs(DPUB))
        {
            return dpub(pos, next, end, eof);
        }
        if (nameIs(SUB))
        {
            return sub(pos, next);
        }
        if (nameIs(IDENTIFY))
        {
            return identify(pos, next, end, eof);
        }
        if (nameIs(CLS))
        {
            return cls(pos, next);
        }
        if (nameIs(AUTH))
        {
            return auth(pos, next, end, eof);
        }
        return fatal("E_INVALID invalid command " + token(0));
    }

    // ---------------------------------------------------------------- commands

    private int identify(final int pos, final int next, final int end, final boolean eof)
    {
        if (state != STATE_INIT)
        {
            return fatal("E_INVALID cannot IDENTIFY in current state");
        }
        if (end - next < 4)
        {
            return needBytes(pos, next + 4, eof, "E_BAD_BODY IDENTIFY failed to read body size");
        }
        final int size = view.getInt(next, ByteOrder.BIG_ENDIAN);
        if (size > limits.maxBodySize)
        {
            return fatal("E_BAD_BODY IDENTIFY body too big " + size + " > " + limits.maxBodySize);
        }
        if (size <= 0)
        {
            return fatal("E_BAD_BODY IDENTIFY invalid body size " + size);
        }
        final int frameEnd = next + 4 + size;
        if (end < frameEnd)
        {
            return needBytes(pos, frameEnd, eof, "E_BAD_BODY IDENTIFY failed to read body");
        }
        final IdentifyRequest request = IdentifyRequest.parse(copy(next + 4, size));
        if (request == null)
        {
            return fatal("E_BAD_BODY IDENTIFY failed to decode JSON body");
        }
        final String invalid = applyIdentify(request);
        if (invalid != null)
        {
            return fatal("E_BAD_BODY IDENTIFY " + invalid);
        }
        byte[] response = OK;
        if (request.featureNegotiation)
        {
            // upstream: granted when asked for and enabled; without negotiation nothing is upgraded
            final boolean tls = features.tls != null && request.tlsV1;
            final boolean deflate = features.deflate && request.deflate;
            final boolean snappy = features.snappy && request.snappy;
            long level = V2Limits.DEFAULT_DEFLATE_LEVEL;
            if (deflate && request.deflateLevel > 0)
            {
                level = request.deflateLevel;
            }
            final int deflateLevel = (int)Math.min(level, features.maxDeflateLevel);
            if (deflate && snappy)
            {
                return fatal("E_IDENTIFY_FAILED cannot enable both deflate and snappy compression");
            }
            upgrades.plan(tls, deflate ? V2Upgrades.DEFLATE : snappy ? V2Upgrades.SNAPPY : V2Upgrades.NO_COMPRESSION, deflateLevel);
            response = negotiationResponse(request, tls, deflate, deflateLevel, snappy);
        }
        final long sequence = claim(CommandType.IDENTIFY);
        link.command(sequence).identity = new ClientIdentity(
            request.clientId, request.hostname, request.userAgent, msgTimeoutMs, (int)request.sampleRate, response);
        link.publishCommand(sequence);
        return frameEnd - pos;
    }

    /** Upstream's clientV2.Identify: validates in its order, then applies. Returns the error, if any. */
    private String applyIdentify(final IdentifyRequest r)
    {
        long heartbeat = heartbeatNs;
        if (r.heartbeatInterval == -1)
        {
            heartbeat = 0;
        }
        else if (r.heartbeatInterval != 0)
        {
            if (r.heartbeatInterval < 1000 || r.heartbeatInterval > limits.maxHeartbeatIntervalMs)
            {
                return "heartbeat interval (" + r.heartbeatInterval + ") is invalid";
            }
            heartbeat = r.heartbeatInterval * 1_000_000L;
        }

        long bufferTimeoutMs = outputBufferTimeoutMs;
        if (r.outputBufferTimeout == -1)
        {
            bufferTimeoutMs = 0;
        }
        else if (r.outputBufferTimeout != 0)
        {
            if (r.outputBufferTimeout < limits.minOutputBufferTimeoutMs || r.outputBufferTimeout > limits.maxOutputBufferTimeoutMs)
            {
                return "output buffer timeout (" + r.outputBufferTimeout + ") is invalid";
            }
            bufferTimeoutMs = r.outputBufferTimeout;
        }
        long bufferSize = outputBufferSize;
        if (r.outputBufferSize == -1)
        {
            bufferSize = 1;
            bufferTimeoutMs = 0;
        }
        else if (r.outputBufferSize != 0)
        {
            if (r.outputBufferSize < 64 || r.outputBufferSize > limits.maxOutputBufferSize)
            {
                return "output buffer size (" + r.outputBufferSize + ") is invalid";
            }
            bufferSize = r.outputBufferSize;
        }

        if (r.sampleRate < 0 || r.sampleRate > 99)
        {
            return "sample rate (" + r.sampleRate + ") is invalid";
        }

        long msgTimeout = msgTimeoutMs;
        if (r.msgTimeout != 0)
        {
            if (r.msgTimeout < 1000 || r.msgTimeout > limits.maxMsgTimeoutMs)
            {
                return "msg timeout (" + r.msgTimeout + ") is invalid";
            }
            msgTimeout = r.msgTimeout;
        }

        msgTimeoutMs = msgTimeout;
        outputBufferSize = bufferSize;
        outputBufferTimeoutMs = bufferTimeoutMs;
        connection.flushThreshold((int)bufferSize);
        if (heartbeat != heartbeatNs)
        {
            heartbeatNs = heartbeat;
            nextHeartbeatAt = connection.now() + heartbeat;
            scheduleTimer();
        }
        return null;
    }

    /** The IDENTIFY JSON, compact and in upstream's key order (clients match substrings of it). */
    private byte[] negotiationResponse(
        final IdentifyRequest r, final boolean tls, final boolean deflate, final int deflateLevel, final boolean snappy)
    {
        final String json = "{\"max_rdy_count\":" + limits.maxRdyCount
            + ",\"version\":\"" + V2Limits.VERSION + "\""
            + ",\"max_msg_timeout\":" + limits.maxMsgTimeoutMs
            + ",\"msg_timeout\":" + msgTimeoutMs
            + ",\"tls_v1\":" + tls
            + ",\"deflate\":" + deflate
            + ",\"deflate_level\":" + deflateLevel
            + ",\"max_deflate_level\":" + features.maxDeflateLevel
            + ",\"snappy\":" + snappy
            + ",\"sample_rate\":" + r.sampleRate
            + ",\"auth_required\":" + auth.enabled()
            + ",\"output_buffer_size\":" + outputBufferSize
            + ",\"output_buffer_timeout\":" + outputBufferTimeoutMs
            + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private int sub(final int pos, final int next)
    {
        if (state != STATE_INIT)
        {
            return fatal("E_INVALID cannot SUB in current state");
        }
        if (heartbeatNs <= 0)
        {
            return fatal("E_INVALID cannot SUB with heartbeats disabled");
        }
        if (tokenCount < 3)
        {
            return fatal("E_INVALID SUB insufficient number of parameters");
        }
        if (!isValidName(1))
        {
            return fatal("E_BAD_TOPIC SUB topic name " + quoted(1) + " is not valid");
        }
        if (!isValidName(2))
        {
            return fatal("E_BAD_CHANNEL SUB channel name " + quoted(2) + " is not valid");
        }
        final int authorized = checkAuth("SUB", topicName(1), token(2), Permission.SUBSCRIBE);
        if (authorized != AUTH_OK)
        {
            return authorized;
        }
        final long sequence = claim(CommandType.SUB);
        final CommandEvent e = link.command(sequence);
        e.topic = topicName(1);
        e.channel = token(2);
        link.publishCommand(sequence);
        state = STATE_SUBSCRIBED;
        return next - pos;
    }

    private int ready(final int pos, final int next)
    {
        if (state == STATE_CLOSING)
        {
            return next - pos; // ignored after CLS, without a reply (upstream)
        }
        if (state != STATE_SUBSCRIBED)
        {
            return fatal("E_INVALID cannot RDY in current state");
        }
        long count = 1;
        if (tokenCount > 1)
        {
            if (!isBase10(1))
            {
                return fatal("E_INVALID RDY could not parse count " + token(1));
            }
            count = base10(1);
        }
        if (count < 0 || count > limits.maxRdyCount)
        {
            return fatal("E_INVALID RDY count " + count + " out of range 0-" + limits.maxRdyCount);
        }
        final long sequence = claim(CommandType.RDY);
        link.command(sequence).number = count;
        link.publishCommand(sequence);
        return next - pos;
    }

    private int finish(final int pos, final int next)
    {
        if (state != STATE_SUBSCRIBED && state != STATE_CLOSING)
        {
            return fatal("E_INVALID cannot FIN in current state");
        }
        if (tokenCount < 2)
        {
            return fatal("E_INVALID FIN insufficient number of params");
        }
        if (tokenLength(1) != MessageIds.HEX_LENGTH)
        {
            return fatal("E_INVALID invalid message ID");
        }
        return sendForMessage(CommandType.FIN, "E_FIN_FAILED FIN ", 0, pos, next);
    }

    private int requeue(final int pos, final int next)
    {
        if (state != STATE_SUBSCRIBED && state != STATE_CLOSING)
        {
            return fatal("E_INVALID cannot REQ in current state");
        }
        if (tokenCount < 3)
        {
            return fatal("E_INVALID REQ insufficient number of params");
        }
        if (tokenLength(1) != MessageIds.HEX_LENGTH)
        {
            return fatal("E_INVALID invalid message ID");
        }
        if (!isBase10(2))
        {
            return fatal("E_INVALID REQ could not parse timeout " + token(2));
        }
        // Go's Duration(ms) * Millisecond wraps like Java's long; out of range is clamped, not refused
        long delayNs = base10(2) * 1_000_000L;
        if (delayNs < 0)
        {
            delayNs = 0;
        }
        else if (delayNs > limits.maxReqTimeoutNs)
        {
            delayNs = limits.maxReqTimeoutNs;
        }
        return sendForMessage(CommandType.REQ, "E_REQ_FAILED REQ ", delayNs / 1_000_000L, pos, next);
    }

    private int touch(final int pos, final int next)
    {
        if (state != STATE_SUBSCRIBED && state != STATE_CLOSING)
        {
            return fatal("E_INVALID cannot TOUCH in current state");
        }
        if (tokenCount < 2)
        {
            return fatal("E_INVALID TOUCH insufficient number of params");
        }
        if (tokenLength(1) != MessageIds.HEX_LENGTH)
        {
            return fatal("E_INVALID invalid message ID");
        }
        return sendForMessage(CommandType.TOUCH, "E_TOUCH_FAILED TOUCH ", 0, pos, next);
    }

    /**
     * FIN, REQ and TOUCH name a message by 16 bytes; bytes that are not lowercase hex can never be
     * an id in flight, so they fail here exactly as an unknown id fails in the engine (not fatal).
     */
    private int sendForMessage(final int type, final String failurePrefix, final long number, final int pos, final int next)
    {
        final int idStart = tokenStart[1];
        if (!MessageIds.isHex(view, idStart))
        {
            return nonFatal(failurePrefix + token(1) + " failed ID not in flight", next - pos);
        }
        final long sequence = claim(type);
        final CommandEvent e = link.command(sequence);
        e.messageId = MessageIds.parseHex(view, idStart);
        e.number = number;
        link.publishCommand(sequence);
        return next - pos;
    }

    private int cls(final int pos, final int next)
    {
        if (state != STATE_SUBSCRIBED)
        {
            return fatal("E_INVALID cannot CLS in current state");
        }
        link.publishCommand(claim(CommandType.CLS));
        state = STATE_CLOSING;
        return next - pos;
    }

    private int pub(final int pos, final int next, final int end, final boolean eof, final long deferMs)
    {
        if (tokenCount < 2)
        {
            return fatal("E_INVALID PUB insufficient number of parameters");
        }
        if (!isValidName(1))
        {
            return fatal("E_BAD_TOPIC PUB topic name " + quoted(1) + " is not valid");
        }
        return publishBody(CommandType.PUB, "PUB", pos, next, end, eof, deferMs);
    }

    private int dpub(final int pos, final int next, final int end, final boolean eof)
    {
        if (tokenCount < 3)
        {
            return fatal("E_INVALID DPUB insufficient number of parameters");
        }
        if (!isValidName(1))
        {
            return fatal("E_BAD_TOPIC DPUB topic name " + quoted(1) + " is not valid");
        }
        if (!isBase10(2))
        {
            return fatal("E_INVALID DPUB could not parse timeout " + token(2));
        }
        final long deferMs = base10(2);
        final long deferNs = deferMs * 1_000_000L;
        if (deferNs < 0 || deferNs > limits.maxReqTimeoutNs)
        {
            return fatal("E_INVALID DPUB timeout " + Long.toUnsignedString(deferMs)
                + " out of range 0-" + limits.maxReqTimeoutNs / 1_000_000L);
        }
        return publishBody(CommandType.DPUB, "DPUB", pos, next, end, eof, deferMs);
    }

    /** PUB's and DPUB's body: one sized message. */
    private int publishBody(
        final int type, final String command, final int pos, final int next, final int end, final boolean eof, final long deferMs)
    {
        if (end - next < 4)
        {
            return needBytes(pos, next + 4, eof, "E_BAD_MESSAGE " + command + " failed to read message body size");
        }
        final int size = view.getInt(next, ByteOrder.BIG_ENDIAN);
        if (size <= 0)
        {
            return fatal("E_BAD_MESSAGE " + command + " invalid message body size " + size);
        }
        if (size > limits.maxMsgSize)
        {
            return fatal("E_BAD_MESSAGE " + command + " message too big " + size + " > " + limits.maxMsgSize);
        }
        final int frameEnd = next + 4 + size;
        if (end < frameEnd)
        {
            return needBytes(pos, frameEnd, eof, "E_BAD_MESSAGE " + command + " failed to read message body");
        }
        final int authorized = checkAuth(command, topicName(1), "", Permission.PUBLISH);
        if (authorized != AUTH_OK)
        {
            return authorized;
        }
        final long sequence = claim(type);
        final CommandEvent e = link.command(sequence);
        e.topic = topicName(1);
        e.body = copy(next + 4, size);
        e.number = deferMs;
        link.publishCommand(sequence);
        return frameEnd - pos;
    }

    /**
     * MPUB reads exactly the announced number of messages from the stream, as upstream does (the
     * body size is checked, not matched). Beyond upstream, the messages together may not exceed
     * --max-body-size, so a lying size field cannot make the broker buffer without bound.
     */
    private int mpub(final int pos, final int next, final int end, final boolean eof)
    {
        if (tokenCount < 2)
        {
            return fatal("E_INVALID MPUB insufficient number of parameters");
        }
        if (!isValidName(1))
        {
            return fatal("E_BAD_TOPIC E_BAD_TOPIC MPUB topic name " + quoted(1) + " is not valid");
        }
        final int authorized = checkAuth("MPUB", topicName(1), "", Permission.PUBLISH);
        if (authorized != AUTH_OK)
        {
            return authorized;
        }
        // from here on upstream has already created the topic, even if the body turns out bad
        if (end - next < 4)
        {
            return needMpubBytes(pos, next + 4, eof, "E_BAD_BODY MPUB failed to read body size");
        }
        final int bodySize = view.getInt(next, ByteOrder.BIG_ENDIAN);
        if (bodySize <= 0)
        {
            return fatalCreatingTopic("E_BAD_BODY MPUB invalid body size " + bodySize);
        }
        if (bodySize > limits.maxBodySize)
        {
            return fatalCreatingTopic("E_BAD_BODY MPUB body too big " + bodySize + " > " + limits.maxBodySize);
        }
        final int countAt = next + 4;
        if (end - countAt < 4)
        {
            return needMpubBytes(pos, countAt + 4, eof, "E_BAD_BODY MPUB failed to read message count");
        }
        final int count = view.getInt(countAt, ByteOrder.BIG_ENDIAN);
        if (count <= 0 || count > (limits.maxBodySize - 4) / 5)
        {
            return fatalCreatingTopic("E_BAD_BODY MPUB invalid message count " + count);
        }

        // walk the messages, resuming where the previous read of this frame stopped
        int index = mpubNextIndex;
        int at = mpubNextOffset > 0 ? pos + mpubNextOffset : countAt + 4;
        for (; index < count; index++)
        {
            if (end - at < 4)
            {
                return pauseMpub(pos, index, at, at + 4, eof, "E_BAD_MESSAGE MPUB failed to read message(" + index + ") body size");
            }
            final int size = view.getInt(at, ByteOrder.BIG_ENDIAN);
            if (size <= 0)
            {
                return fatalCreatingTopic("E_BAD_MESSAGE MPUB invalid message(" + index + ") body size " + size);
            }
            if (size > limits.maxMsgSize)
            {
                return fatalCreatingTopic("E_BAD_MESSAGE MPUB message too big " + size + " > " + limits.maxMsgSize);
            }
            final long used = (long)at + 4 + size - countAt;
            if (used > limits.maxBodySize)
            {
                return fatalCreatingTopic("E_BAD_BODY MPUB body too big " + used + " > " + limits.maxBodySize);
            }
            if (end - at - 4 < size)
            {
                return pauseMpub(pos, index, at, at + 4 + size, eof, "E_BAD_MESSAGE MPUB failed to read message body");
            }
            at += 4 + size;
        }
        mpubNextIndex = 0;
        mpubNextOffset = 0;

        final long sequence = claim(CommandType.MPUB);
        final CommandEvent e = link.command(sequence);
        final byte[][] bodies = e.bodiesFor(count);
        int cursor = countAt + 4;
        for (int i = 0; i < count; i++)
        {
            final int size = view.getInt(cursor, ByteOrder.BIG_ENDIAN);
            bodies[i] = copy(cursor + 4, size);
            cursor += 4 + size;
        }
        e.topic = topicName(1);
        e.bodyCount = count;
        link.publishCommand(sequence);
        return at - pos;
    }

    private int pauseMpub(final int pos, final int index, final int at, final int needEnd, final boolean eof, final String failure)
    {
        if (eof)
        {
            mpubNextIndex = 0;
            mpubNextOffset = 0;
            return fatalCreatingTopic(failure);
        }
        mpubNextIndex = index;
        mpubNextOffset = at - pos;
        connection.requireInputCapacity(needEnd - pos);
        return NEED_MORE;
    }

    private int auth(final int pos, final int next, final int end, final boolean eof)
    {
        if (state != STATE_INIT)
        {
            return fatal("E_INVALID cannot AUTH in current state");
        }
        if (tokenCount != 1)
        {
            return fatal("E_INVALID AUTH invalid number of parameters");
        }
        if (end - next < 4)
        {
            return needBytes(pos, next + 4, eof, "E_BAD_BODY AUTH failed to read body size");
        }
        final int size = view.getInt(next, ByteOrder.BIG_ENDIAN);
        if (size > limits.maxBodySize)
        {
            return fatal("E_BAD_BODY AUTH body too big " + size + " > " + limits.maxBodySize);
        }
        if (size <= 0)
        {
            return fatal("E_BAD_BODY AUTH invalid body size " + size);
        }
        final int frameEnd = next + 4 + size;
        if (end < frameEnd)
        {
            return needBytes(pos, frameEnd, eof, "E_BAD_BODY AUTH failed to read body");
        }
        if (auth.authorizations() != null)
        {
            return fatal(AuthReplies.ALREADY_SET);
        }
        if (!auth.enabled())
        {
            return fatal(AuthReplies.DISABLED);
        }
        // decoding waits for the answer (auth.pending()); it comes back on this agent's thread
        auth.query(copy(next + 4, size), upgrades.tlsActive(), commonName(), this::onAuthAnswer);
        return frameEnd - pos;
    }

    private void onAuthAnswer(final AuthResult result)
    {
        if (result instanceof AuthResult.Failed)
        {
            // the detail stays in the log: upstream never tells the client why
            LOG.warn("PROTOCOL(V2): [{}] AUTH failed {}", connection, ((AuthResult.Failed)result).detail());
            fatalLater(AuthReplies.FAILED);
            return;
        }
        final Authorizations granted = auth.authorizations();
        if (!granted.hasAuthorizations())
        {
            fatalLater(AuthReplies.NO_AUTHORIZATIONS);
            return;
        }
        submitLater(() ->
        {
            final long sequence = claim(CommandType.RESPONSE);
            link.command(sequence).body = AuthReplies.authOk(granted);
            link.publishCommand(sequence);
            sendFeatures();
            connection.resumeInput();
        }, 2);
    }

    /**
     * Upstream's CheckAuth for SUB, PUB, MPUB and DPUB: AUTH first, fresh authorizations (asked for
     * again once their TTL is over: the command is decoded again when the answer is in), then the
     * topic and channel must be allowed.
     */
    private int checkAuth(final String command, final String topic, final String channel, final Permission permission)
    {
        if (!auth.enabled())
        {
            return AUTH_OK;
        }
        if (auth.authorizations() == null)
        {
            return fatal(AuthReplies.authFirst(command));
        }
        if (auth.isExpired())
        {
            auth.query(null, upgrades.tlsActive(), commonName(), result ->
            {
                if (result instanceof AuthResult.Failed)
                {
                    LOG.warn("PROTOCOL(V2): [{}] auth failed - {}", connection, ((AuthResult.Failed)result).detail());
                    fatalLater(AuthReplies.FAILED);
                }
                else
                {
                    connection.resumeInput();
                }
            });
            return NEED_MORE;
        }
        if (!auth.isAllowed(topic, channel, permission))
        {
            return fatal(AuthReplies.unauthorized(command, topic, channel));
        }
        return AUTH_OK;
    }

    private String commonName()
    {
        return upgrades.session() == null ? "" : upgrades.session().commonName();
    }

    /** What the connection negotiated and proved, for /stats. */
    private void sendFeatures()
    {
        final TlsSessionInfo tls = upgrades.session();
        final Authorizations granted = auth.authorizations();
        final long sequence = claim(CommandType.CLIENT_FEATURES);
        link.command(sequence).features = new ClientFeatures(
            tls != null,
            tls == null ? "" : tls.version(),
            tls == null ? "" : tls.statsCipherSuite(),
            tls == null ? "" : tls.negotiatedProtocol(),
            tls != null && tls.negotiatedProtocolIsMutual(),
            upgrades.deflateActive(),
            upgrades.snappyActive(),
            granted != null && granted.hasAuthorizations(),
            granted == null ? "" : granted.identity(),
            granted == null ? "" : granted.identityUrl());
        link.publishCommand(sequence);
    }

    /** The upgrades are done: tell the engine, and decode whatever the client sent meanwhile. */
    private void afterUpgrades()
    {
        submitLater(() ->
        {
            sendFeatures();
            connection.resumeInput();
        }, 1);
    }

    /** A fatal error decided outside decoding (an auth answer): sent when the ring has room. */
    private void fatalLater(final String text)
    {
        submitLater(() ->
        {
            sendError(text, true, null);
            stopped = true;
        }, 1);
    }

    /** Runs {@code send} once the command ring has room for {@code commands}, on this agent's thread. */
    private void submitLater(final Runnable send, final int commands)
    {
        if (connection.isClosing())
        {
            return;
        }
        if (link.hasCommandCapacity(commands))
        {
            send.run();
        }
        else
        {
            connection.agentExecutor().execute(() -> submitLater(send, commands));
        }
    }

    // ---------------------------------------------------------------- decoding helpers

    /**
     * The frame is not all here: make room up to {@code needEnd} (a size field, or a body whose size
     * was already checked against its limit) and wait; at end of stream, upstream's read error.
     */
    private int needBytes(final int pos, final int needEnd, final boolean eof, final String failure)
    {
        if (eof)
        {
            return fatal(failure);
        }
        connection.requireInputCapacity(needEnd - pos);
        return NEED_MORE;
    }

    private int needMpubBytes(final int pos, final int needEnd, final boolean eof, final String failure)
    {
        if (eof)
        {
            return fatalCreatingTopic(failure);
        }
        connection.requireInputCapacity(needEnd - pos);
        return NEED_MORE;
    }

    private long claim(final int type)
    {
        final long sequence = link.claimCommand();
        final CommandEvent e = link.command(sequence);
        e.type = type;
        e.connectionId = connection.id();
        e.fatal = false;
        return sequence;
    }

    /** Queues a fatal error (it leaves after the replies to earlier commands) and stops decoding. */
    private int fatal(final String text)
    {
        sendError(text, true, null);
        stopped = true;
        return STOP;
    }

    private int fatalCreatingTopic(final String text)
    {
        sendError(text, true, topicName(1));
        stopped = true;
        return STOP;
    }

    private int nonFatal(final String text, final int consumed)
    {
        sendError(text, false, null);
        return consumed;
    }

    private void sendError(final String text, final boolean fatal, final String topicToCreate)
    {
        final long sequence = claim(CommandType.ERROR);
        final CommandEvent e = link.command(sequence);
        e.text = text;
        e.fatal = fatal;
        e.topic = topicToCreate;
        link.publishCommand(sequence);
    }

    /** End of stream or an unreadable line: close after the replies to earlier commands. */
    private int requestClose()
    {
        link.publishCommand(claim(CommandType.CLOSE));
        stopped = true;
        return STOP;
    }

    /** Splits the line on single spaces, as Go's {@code bytes.Split(line, " ")}. */
    private void tokenize(final int start, final int end)
    {
        tokenCount = 0;
        int tokenBegin = start;
        for (int i = start; i <= end; i++)
        {
            if (i == end || view.getByte(i) == ' ')
            {
                if (tokenCount < MAX_TOKENS)
                {
                    tokenStart[tokenCount] = tokenBegin;
                    tokenEnd[tokenCount] = i;
                }
                tokenCount++;
                tokenBegin = i + 1;
            }
        }
    }

    private int indexOfNewline(final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (view.getByte(i) == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(final byte[] name)
    {
        final int start = tokenStart[0];
        if (tokenEnd[0] - start != name.length)
        {
            return false;
        }
        for (int i = 0; i < name.length; i++)
        {
            if (view.getByte(start + i) != name[i])
            {
                return false;
            }
        }
        return true;
    }

    private int tokenLength(final int index)
    {
        return tokenEnd[index] - tokenStart[index];
    }

    private String token(final int index)
    {
        return GoText.raw(view, tokenStart[index], tokenLength(index));
    }

    private String quoted(final int index)
    {
        return GoText.quote(view, tokenStart[index], tokenLength(index));
    }

    private boolean isValidName(final int index)
    {
        return Names.isValid(view, tokenStart[index], tokenLength(index));
    }

    private boolean isBase10(final int index)
    {
        return GoText.isBase10(view, tokenStart[index], tokenLength(index));
    }

    private long base10(final int index)
    {
        return GoText.parseBase10(view, tokenStart[index], tokenLength(index));
    }

    /** The (already validated) topic name token as a String, reusing the last one when equal. */
    private String topicName(final int index)
    {
        final int start = tokenStart[index];
        final int length = tokenLength(index);
        if (length == topicLength && topic != null)
        {
            boolean same = true;
            for (int i = 0; i < length && same; i++)
            {
                same = view.getByte(start + i) == topicBytes[i];
            }
            if (same)
            {
                return topic;
            }
        }
        view.getBytes(start, topicBytes, 0, length);
        topicLength = length;
        topic = new String(topicBytes, 0, length, StandardCharsets.US_ASCII);
        return topic;
    }

    private byte[] copy(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        view.getBytes(offset, bytes);
        return bytes;
    }

    // ================================================================ encoding

    @Override
    public void onOutbound(final Connection c, final OutboundEvent event)
    {
        try
        {
            switch (event.type)
            {
                case OutboundType.RESPONSE -> V2Frames.frame(c, V2Frames.FRAME_RESPONSE, event.data);
                case OutboundType.IDENTIFIED ->
                {
                    V2Frames.frame(c, V2Frames.FRAME_RESPONSE, event.data);
                    upgrades.start();
                    scheduleTimer();
                }
                case OutboundType.ERROR ->
                {
                    V2Frames.frame(c, V2Frames.FRAME_ERROR, event.data);
                    if (event.close)
                    {
                        c.closeAfterFlush();
                    }
                }
                case OutboundType.MESSAGE -> frames.message(c, event.messageId, event.timestamp, event.attempts, event.body);
                case OutboundType.CLOSE -> c.closeAfterFlush();
                default -> throw new IllegalArgumentException("unknown outbound type " + event.type);
            }
        }
        catch (final IOException ex)
        {
            c.close();
        }
    }

    // ================================================================ heartbeats and deadlines

    @Override
    public void onTimer(final Connection c, final long now)
    {
        if (upgrades.handshakeOverdue(now))
        {
            c.close(); // upstream's 5 s TLS handshake deadline
            return;
        }
        if (heartbeatNs <= 0)
        {
            scheduleTimer();
            return;
        }
        if (now - lastCommandAt >= 2 * heartbeatNs)
        {
            c.close(); // upstream's read deadline: closed without an error frame
            return;
        }
        if (c.isWriteStalled() && now - c.writeStalledSince() >= heartbeatNs)
        {
            c.close(); // upstream's write deadline: a client that does not read is dropped
            return;
        }
        if (now - nextHeartbeatAt >= 0)
        {
            if (magicReceived)
            {
                try
                {
                    V2Frames.frame(c, V2Frames.FRAME_RESPONSE, V2Frames.HEARTBEAT);
                    c.markDirty();
                }
                catch (final IOException ex)
                {
                    c.close();
                    return;
                }
            }
            nextHeartbeatAt += heartbeatNs;
            if (now - nextHeartbeatAt >= 0)
            {
                nextHeartbeatAt = now + heartbeatNs;
            }
        }
        scheduleTimer();
    }

    private void scheduleTimer()
    {
        final long upgradeDeadline = upgrades.deadline();
        if (heartbeatNs <= 0)
        {
            if (upgradeDeadline == Long.MAX_VALUE)
            {
                connection.cancelTimer();
            }
            else
            {
                connection.scheduleTimer(upgradeDeadline);
            }
            return;
        }
        connection.scheduleTimer(Math.min(upgradeDeadline, Math.min(nextHeartbeatAt, lastCommandAt + 2 * heartbeatNs)));
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
