package io.ringnsq.transport.conformance;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.5 "failed to read ..." errors: the client half-closes in the middle of a body. Upstream's read
 * fails with EOF, it still sends the fatal error frame on the open write side, then closes. A client
 * rarely sees these, but they are the exact texts of every read failure.
 */
final class TruncatedInputConformanceTest extends ConformanceTestBase
{
    private V2Connection sendThenHalfClose(final byte[] bytes)
    {
        final V2Connection connection = connect();
        connection.write(bytes);
        connection.shutdownOutput();
        return connection;
    }

    @Test
    void shouldReportIdentifyBodySizeUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("IDENTIFY"), Wire.hex("00 00")))
            .expectFatalError("E_BAD_BODY IDENTIFY failed to read body size");
    }

    @Test
    void shouldReportIdentifyBodyUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(100), Wire.ascii("{\"cl")))
            .expectFatalError("E_BAD_BODY IDENTIFY failed to read body");
    }

    @Test
    void shouldReportPubBodySizeUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("PUB " + unique("t")), Wire.hex("00")))
            .expectFatalError("E_BAD_MESSAGE PUB failed to read message body size");
    }

    @Test
    void shouldReportPubBodyUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("PUB " + unique("t")), Wire.int32(10), Wire.ascii("abc")))
            .expectFatalError("E_BAD_MESSAGE PUB failed to read message body");
    }

    @Test
    void shouldReportDpubBodySizeUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("DPUB " + unique("t") + " 10"), Wire.hex("00 00 00")))
            .expectFatalError("E_BAD_MESSAGE DPUB failed to read message body size");
    }

    @Test
    void shouldReportDpubBodyUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("DPUB " + unique("t") + " 10"), Wire.int32(10), Wire.ascii("abc")))
            .expectFatalError("E_BAD_MESSAGE DPUB failed to read message body");
    }

    @Test
    void shouldReportMpubBodySizeUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.hex("00 00")))
            .expectFatalError("E_BAD_BODY MPUB failed to read body size");
    }

    @Test
    void shouldReportMpubMessageCountUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(20), Wire.hex("00 00")))
            .expectFatalError("E_BAD_BODY MPUB failed to read message count");
    }

    @Test
    void shouldReportMpubMessageSizeUnreadableWithItsIndex()
    {
        sendThenHalfClose(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(20), Wire.int32(2),
            Wire.int32(1), Wire.ascii("a"), Wire.hex("00")))
            .expectFatalError("E_BAD_MESSAGE MPUB failed to read message(1) body size");
    }

    @Test
    void shouldReportMpubMessageBodyUnreadable()
    {
        sendThenHalfClose(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(20), Wire.int32(1),
            Wire.int32(10), Wire.ascii("abc")))
            .expectFatalError("E_BAD_MESSAGE MPUB failed to read message body");
    }

    @Test
    void shouldCloseWithoutFrameOnHalfCloseInTheMiddleOfALine()
    {
        sendThenHalfClose(Wire.ascii("PUB " + unique("t"))).expectClosed();
    }

    @Test
    void shouldCloseWithoutFrameOnHalfCloseBetweenCommands()
    {
        final V2Connection connection = connect();
        connection.publish(unique("t"), "m");
        connection.shutdownOutput();

        connection.expectClosed();
    }

    @Test
    void shouldStillServeOthersAfterTruncatedBodies()
    {
        sendThenHalfClose(Wire.concat(Wire.line("PUB " + unique("t")), Wire.int32(10), Wire.ascii("abc"))).close();

        assertBrokerStillServes();
    }
}
