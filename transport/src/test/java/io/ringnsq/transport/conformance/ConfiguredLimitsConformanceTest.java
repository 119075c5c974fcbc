package io.ringnsq.transport.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.5/§1.7 with non-default limits: the configured values must reach the IDENTIFY reply and every
 * range check and error text (the texts print the configured maxima).
 */
final class ConfiguredLimitsConformanceTest extends ConformanceTestBase
{
    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context
            .maxRdyCount(50)
            .msgTimeout(Duration.ofSeconds(5))
            .maxMsgTimeout(Duration.ofMinutes(10))
            .maxHeartbeatInterval(Duration.ofSeconds(20))
            .maxOutputBufferSize(32_768)
            .minOutputBufferTimeout(Duration.ofMillis(50))
            .maxOutputBufferTimeout(Duration.ofSeconds(10))
            .outputBufferTimeout(Duration.ofMillis(100))
            .maxBodySize(1000)
            .maxMsgSize(100)
            .maxReqTimeout(Duration.ofSeconds(10));
    }

    @Test
    void shouldAdvertiseConfiguredLimitsInIdentifyJson()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true}");

        connection.expectResponse(IdentifyConformanceTest.identifyJson(50, 600_000, 5000, 0, 16384, 100));
    }

    @Test
    void shouldAdvertiseClientMsgTimeoutUpToConfiguredMax()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true,\"msg_timeout\":600000}");

        connection.expectResponse(IdentifyConformanceTest.identifyJson(50, 600_000, 600_000, 0, 16384, 100));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"heartbeat_interval\":20000}",
        "{\"output_buffer_timeout\":50}",
        "{\"output_buffer_timeout\":10000}",
        "{\"output_buffer_size\":32768}",
        "{\"msg_timeout\":600000}"
    })
    void shouldAcceptValuesAtConfiguredBounds(final String json)
    {
        final V2Connection connection = connect();
        connection.identify(json);

        connection.expectOk();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"heartbeat_interval\":20001}     | heartbeat interval (20001) is invalid",
        "{\"output_buffer_timeout\":49}     | output buffer timeout (49) is invalid",
        "{\"output_buffer_timeout\":10001}  | output buffer timeout (10001) is invalid",
        "{\"output_buffer_size\":32769}     | output buffer size (32769) is invalid",
        "{\"msg_timeout\":600001}           | msg timeout (600001) is invalid"
    })
    void shouldRefuseValuesBeyondConfiguredBounds(final String json, final String detail)
    {
        final V2Connection connection = connect();
        connection.identify(json);

        connection.expectFatalError("E_BAD_BODY IDENTIFY " + detail);
    }

    @Test
    void shouldAcceptIdentifyBodyOfExactlyMaxBodySize()
    {
        final String json = "{\"client_id\":\"c\"}";
        final V2Connection connection = connect();
        connection.identify(json + " ".repeat(1000 - json.length()));

        connection.expectOk();
    }

    @Test
    void shouldRefuseIdentifyBodyOverConfiguredMax()
    {
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(1001)));

        connection.expectFatalError("E_BAD_BODY IDENTIFY body too big 1001 > 1000");
    }

    @Test
    void shouldAcceptRdyEqualToMaxRdyCount()
    {
        final V2Connection connection = subscriber(unique("t"), "ch");
        connection.rdy(50);

        connection.syncInFlight();
    }

    @Test
    void shouldRefuseRdyAboveMaxRdyCount()
    {
        final V2Connection connection = subscriber(unique("t"), "ch");
        connection.rdy(51);

        connection.expectFatalError("E_INVALID RDY count 51 out of range 0-50");
    }

    @Test
    void shouldAcceptPubOfExactlyMaxMsgSize()
    {
        connect().publish(unique("t"), "x".repeat(100));
    }

    @Test
    void shouldRefusePubOverConfiguredMaxMsgSize()
    {
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("PUB " + unique("t")), Wire.int32(101)));

        connection.expectFatalError("E_BAD_MESSAGE PUB message too big 101 > 100");
    }

    @Test
    void shouldRefuseDpubOverConfiguredMaxMsgSize()
    {
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("DPUB " + unique("t") + " 10"), Wire.int32(101)));

        connection.expectFatalError("E_BAD_MESSAGE DPUB message too big 101 > 100");
    }

    @Test
    void shouldRefuseMpubBodyOverConfiguredMaxBodySize()
    {
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(1001)));

        connection.expectFatalError("E_BAD_BODY MPUB body too big 1001 > 1000");
    }

    @Test
    void shouldRefuseMpubCountAboveBodySizeLimit()
    {
        // (max_body_size - 4) / 5 = 199 messages at most
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(8), Wire.int32(200)));

        connection.expectFatalError("E_BAD_BODY MPUB invalid message count 200");
    }

    @Test
    void shouldAcceptMpubOfMaxCountOneByteMessages()
    {
        final List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 199; i++)
        {
            messages.add(new byte[] {'x'});
        }
        final V2Connection connection = connect();
        connection.send("MPUB " + unique("t"), Wire.mpubBody(messages));

        connection.expectOk();
    }

    @Test
    void shouldRefuseMpubMessageOverConfiguredMaxMsgSize()
    {
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(200), Wire.int32(1), Wire.int32(101)));

        connection.expectFatalError("E_BAD_MESSAGE MPUB message too big 101 > 100");
    }

    @Test
    void shouldAcceptDpubAtConfiguredMaxReqTimeout()
    {
        final V2Connection connection = connect();
        connection.write(Wire.dpub(unique("t"), 10_000, "x"));

        connection.expectOk();
    }

    @Test
    void shouldRefuseDpubAboveConfiguredMaxReqTimeout()
    {
        final V2Connection connection = connect();
        connection.send("DPUB " + unique("t") + " 10001");

        connection.expectFatalError("E_INVALID DPUB timeout 10001 out of range 0-10000");
    }
}
