package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.8: {@code _heartbeat_} every interval on every connection, the read deadline of 2 × interval
 * (any command resets it; the close carries no error frame), {@code heartbeat_interval:-1}.
 * Every timer runs on the ManualClock; a connection's timers start when it has been answered once.
 */
final class HeartbeatConformanceTest extends ConformanceTestBase
{
    private static final long DEFAULT_INTERVAL_MS = 30_000;

    /** A connection whose heartbeat interval is set by IDENTIFY, answered at the current manual time. */
    private V2Connection connectWithInterval(final long intervalMs)
    {
        return connect().identifyOk("{\"heartbeat_interval\":" + intervalMs + "}");
    }

    /** NOP has no reply; the short quiet window gives the broker time to read it before the clock moves. */
    private static void nopAndSettle(final V2Connection connection)
    {
        connection.nop();
        connection.expectNothing();
    }

    @Test
    void shouldSendHeartbeatEvery30SecondsByDefault()
    {
        final V2Connection connection = connect().sync();

        clock.advanceMillis(DEFAULT_INTERVAL_MS - 1);
        connection.expectNothing();
        clock.advanceMillis(2);
        // exact bytes: size 15, type 0 (response), "_heartbeat_"
        assertArrayEquals(Wire.hex("00 00 00 0f 00 00 00 00 5f 68 65 61 72 74 62 65 61 74 5f"), connection.readBytes(19));
    }

    @Test
    void shouldCloseAfterTwoDefaultIntervalsWithoutCommand()
    {
        final V2Connection connection = connect().sync();

        clock.advanceMillis(DEFAULT_INTERVAL_MS + 1);
        connection.expectHeartbeat(V2Connection.PROMPT);
        clock.advanceMillis(DEFAULT_INTERVAL_MS - 2);
        connection.expectNothing();
        clock.advanceMillis(2);
        connection.expectClosedAfterOnlyHeartbeats(V2Connection.PROMPT);
    }

    @Test
    void shouldUseTheDefaultIntervalWhenIdentifySaysZero()
    {
        final V2Connection connection = connectWithInterval(0);

        clock.advanceMillis(DEFAULT_INTERVAL_MS - 1);
        connection.expectNothing();
        clock.advanceMillis(2);
        connection.expectHeartbeat(V2Connection.PROMPT);
    }

    @Test
    void shouldSendHeartbeatEveryIdentifiedInterval()
    {
        final V2Connection connection = connectWithInterval(1_000);

        for (int beat = 1; beat <= 4; beat++)
        {
            clock.advanceMillis(beat == 1 ? 999 : 998);
            connection.expectNothing();
            clock.advanceMillis(2);
            connection.expectHeartbeat(V2Connection.PROMPT);
            nopAndSettle(connection);
        }
        connection.sync();
    }

    @Test
    void shouldSendHeartbeatsToASubscribedConsumer()
    {
        final V2Connection connection = connectWithInterval(1_000);
        connection.subscribe(unique("t"), "ch");
        connection.rdy(1);
        connection.syncInFlight();

        clock.advanceMillis(1_001);
        connection.expectHeartbeat(V2Connection.PROMPT);
    }

    @Test
    void shouldCloseWithoutErrorFrameAfterTwoIntervalsWithoutCommand()
    {
        final V2Connection connection = connectWithInterval(1_000);

        clock.advanceMillis(1_001);
        connection.expectHeartbeat(V2Connection.PROMPT);
        clock.advanceMillis(998);
        // 1.999 s since the last command: still open
        connection.expectNothing();
        clock.advanceMillis(2);
        connection.expectClosedAfterOnlyHeartbeats(V2Connection.PROMPT);
    }

    @Test
    void shouldResetTheReadDeadlineOnNop()
    {
        final V2Connection connection = connectWithInterval(1_000);

        clock.advanceMillis(1_001);
        connection.expectHeartbeat(V2Connection.PROMPT);
        nopAndSettle(connection);
        // the deadline is now 1.001 s + 2 s: the connection outlives the original 2 s deadline
        clock.advanceMillis(1_000);
        connection.expectHeartbeat(V2Connection.PROMPT);
        connection.expectNothing();
        clock.advanceMillis(998);
        connection.expectNothing();
        clock.advanceMillis(3);
        connection.expectClosedAfterOnlyHeartbeats(V2Connection.PROMPT);
    }

    @Test
    void shouldResetTheReadDeadlineOnAnyCommand()
    {
        final V2Connection connection = connectWithInterval(1_000);

        clock.advanceMillis(1_001);
        connection.expectHeartbeat(V2Connection.PROMPT);
        clock.advanceMillis(499);
        connection.sync();
        // deadline now 1.5 s + 2 s
        clock.advanceMillis(501);
        connection.expectHeartbeat(V2Connection.PROMPT);
        connection.expectNothing();
        clock.advanceMillis(1_498);
        connection.expectHeartbeat(V2Connection.PROMPT);
        connection.expectNothing();
        clock.advanceMillis(2);
        connection.expectClosedAfterOnlyHeartbeats(V2Connection.PROMPT);
    }

    @Test
    void shouldApplyHeartbeatIntervalSetWithFeatureNegotiation()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true,\"heartbeat_interval\":2000}");
        connection.readFrame();

        clock.advanceMillis(1_999);
        connection.expectNothing();
        clock.advanceMillis(2);
        connection.expectHeartbeat(V2Connection.PROMPT);
    }

    @Test
    void shouldSendNoHeartbeatAndNeverTimeOutWhenDisabled()
    {
        final V2Connection connection = connectWithInterval(-1);

        clock.advanceMillis(120_000);
        connection.expectNothing();
        clock.advanceMillis(3_600_000);
        connection.expectNothing();
        connection.sync();
    }

    @Test
    void shouldRefuseSubWhenHeartbeatsAreDisabled()
    {
        final V2Connection connection = connectWithInterval(-1);
        connection.send("SUB " + unique("t") + " ch");

        connection.expectFatalError("E_INVALID cannot SUB with heartbeats disabled");
    }

    @Test
    void shouldStillPublishWhenHeartbeatsAreDisabled()
    {
        final V2Connection connection = connectWithInterval(-1);

        connection.publish(unique("t"), "producer only");
    }
}
