package io.ringnsq.transport.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.5 IDENTIFY and §1.7: OK versus the JSON reply, the exact JSON, field validation, body errors,
 * Go-style key matching. The broker runs with upstream's defaults, so the texts are the ones in the spec.
 */
final class IdentifyConformanceTest extends ConformanceTestBase
{
    /** The IDENTIFY reply with this broker's limits; only the per-client values vary. */
    static String identifyJson(final long maxRdyCount, final long maxMsgTimeoutMs, final long msgTimeoutMs,
        final int sampleRate, final long outputBufferSize, final long outputBufferTimeoutMs)
    {
        return "{\"max_rdy_count\":" + maxRdyCount
            + ",\"version\":\"1.3.0\""
            + ",\"max_msg_timeout\":" + maxMsgTimeoutMs
            + ",\"msg_timeout\":" + msgTimeoutMs
            + ",\"tls_v1\":false,\"deflate\":false,\"deflate_level\":6,\"max_deflate_level\":6,\"snappy\":false"
            + ",\"sample_rate\":" + sampleRate
            + ",\"auth_required\":false"
            + ",\"output_buffer_size\":" + outputBufferSize
            + ",\"output_buffer_timeout\":" + outputBufferTimeoutMs
            + "}";
    }

    private static String defaultJson(final long msgTimeoutMs, final int sampleRate, final long size, final long timeoutMs)
    {
        return identifyJson(2500, 900_000, msgTimeoutMs, sampleRate, size, timeoutMs);
    }

    @Test
    void shouldAnswerOkWithoutFeatureNegotiation()
    {
        final V2Connection connection = connect();
        connection.identify("{\"client_id\":\"c1\",\"hostname\":\"h1\"}");

        connection.expectOk();
        connection.expectNothing();
        connection.sync();
    }

    @Test
    void shouldAnswerOkWhenFeatureNegotiationIsFalse()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":false,\"msg_timeout\":3000}");

        connection.expectOk();
    }

    @Test
    void shouldAnswerOkToEmptyJsonObject()
    {
        final V2Connection connection = connect();
        connection.identify("{}");

        connection.expectOk();
    }

    @Test
    void shouldAnswerExactDefaultJsonWithFeatureNegotiation()
    {
        final V2Connection connection = connect();
        connection.identify("{\"client_id\":\"c1\",\"hostname\":\"h1\",\"user_agent\":\"conformance/1.0\",\"feature_negotiation\":true}");

        connection.expectResponse(
            "{\"max_rdy_count\":2500,\"version\":\"1.3.0\",\"max_msg_timeout\":900000,\"msg_timeout\":60000,\"tls_v1\":false,"
                + "\"deflate\":false,\"deflate_level\":6,\"max_deflate_level\":6,\"snappy\":false,\"sample_rate\":0,"
                + "\"auth_required\":false,\"output_buffer_size\":16384,\"output_buffer_timeout\":250}");
        // no upgrade was granted, so no extra OK follows
        connection.expectNothing();
        connection.sync();
    }

    @Test
    void shouldReportClientSettingsInJson()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true,\"heartbeat_interval\":1000,\"msg_timeout\":3000,"
            + "\"sample_rate\":10,\"output_buffer_size\":8192,\"output_buffer_timeout\":100}");

        connection.expectResponse(defaultJson(3000, 10, 8192, 100));
    }

    @Test
    void shouldKeepDefaultsWhenValuesAreZero()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true,\"heartbeat_interval\":0,\"msg_timeout\":0,"
            + "\"sample_rate\":0,\"output_buffer_size\":0,\"output_buffer_timeout\":0,\"deflate_level\":0}");

        connection.expectResponse(defaultJson(60_000, 0, 16384, 250));
    }

    @Test
    void shouldReportUnbufferedOutputWhenBufferSizeIsMinusOne()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true,\"output_buffer_size\":-1}");

        // -1 → a 1-byte buffer and timeout 0
        connection.expectResponse(defaultJson(60_000, 0, 1, 0));
    }

    @Test
    void shouldReportZeroTimeoutWhenOutputBufferTimeoutIsMinusOne()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true,\"output_buffer_timeout\":-1}");

        connection.expectResponse(defaultJson(60_000, 0, 16384, 0));
    }

    @Test
    void shouldReportDeflateLevelSixWhenDeflateIsNotGranted()
    {
        final V2Connection connection = connect();
        connection.identify("{\"feature_negotiation\":true,\"deflate_level\":3}");

        connection.expectResponse(defaultJson(60_000, 0, 16384, 250));
    }

    @Test
    void shouldIgnoreDeprecatedAndUnknownKeys()
    {
        final V2Connection connection = connect();
        connection.identify("{\"short_id\":\"x\",\"long_id\":\"y\",\"topology_region\":\"r\",\"topology_zone\":\"z\","
            + "\"unknown\":{\"nested\":[1,2,{\"a\":null}]},\"another\":1.5,\"feature_negotiation\":true}");

        connection.expectResponse(defaultJson(60_000, 0, 16384, 250));
    }

    @Test
    void shouldMatchKeysCaseInsensitively()
    {
        final V2Connection connection = connect();
        connection.identify("{\"FEATURE_NEGOTIATION\":true,\"Msg_Timeout\":3000,\"SAMPLE_rate\":5}");

        connection.expectResponse(defaultJson(3000, 5, 16384, 250));
    }

    @Test
    void shouldApplyCaseInsensitiveKeysToValidation()
    {
        final V2Connection connection = connect();
        connection.identify("{\"Heartbeat_Interval\":999}");

        connection.expectFatalError("E_BAD_BODY IDENTIFY heartbeat interval (999) is invalid");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"heartbeat_interval\":1000}",
        "{\"heartbeat_interval\":60000}",
        "{\"heartbeat_interval\":-1}",
        "{\"output_buffer_timeout\":25}",
        "{\"output_buffer_timeout\":30000}",
        "{\"output_buffer_size\":64}",
        "{\"output_buffer_size\":65536}",
        "{\"sample_rate\":99}",
        "{\"msg_timeout\":1000}",
        "{\"msg_timeout\":900000}",
        "{\"deflate_level\":9}",
        "{\"client_id\":\"\",\"hostname\":\"\",\"user_agent\":\"\"}"
    })
    void shouldAcceptBoundaryValues(final String json)
    {
        final V2Connection connection = connect();
        connection.identify(json);

        connection.expectOk();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"heartbeat_interval\":999}              | heartbeat interval (999) is invalid",
        "{\"heartbeat_interval\":60001}            | heartbeat interval (60001) is invalid",
        "{\"heartbeat_interval\":-2}               | heartbeat interval (-2) is invalid",
        "{\"output_buffer_timeout\":10}            | output buffer timeout (10) is invalid",
        "{\"output_buffer_timeout\":24}            | output buffer timeout (24) is invalid",
        "{\"output_buffer_timeout\":30001}         | output buffer timeout (30001) is invalid",
        "{\"output_buffer_timeout\":-2}            | output buffer timeout (-2) is invalid",
        "{\"output_buffer_size\":63}               | output buffer size (63) is invalid",
        "{\"output_buffer_size\":65537}            | output buffer size (65537) is invalid",
        "{\"output_buffer_size\":-2}               | output buffer size (-2) is invalid",
        "{\"sample_rate\":100}                     | sample rate (100) is invalid",
        "{\"sample_rate\":-1}                      | sample rate (-1) is invalid",
        "{\"msg_timeout\":999}                     | msg timeout (999) is invalid",
        "{\"msg_timeout\":900001}                  | msg timeout (900001) is invalid",
        "{\"msg_timeout\":-1}                      | msg timeout (-1) is invalid"
    })
    void shouldCloseOnInvalidField(final String json, final String detail)
    {
        final V2Connection connection = connect();
        connection.identify(json);

        connection.expectFatalError("E_BAD_BODY IDENTIFY " + detail);
    }

    @Test
    void shouldValidateHeartbeatBeforeOutputBufferSampleRateAndMsgTimeout()
    {
        final V2Connection connection = connect();
        connection.identify("{\"msg_timeout\":1,\"sample_rate\":100,\"output_buffer_size\":1,\"output_buffer_timeout\":1,"
            + "\"heartbeat_interval\":1}");

        connection.expectFatalError("E_BAD_BODY IDENTIFY heartbeat interval (1) is invalid");
    }

    @Test
    void shouldValidateOutputBufferTimeoutBeforeSize()
    {
        final V2Connection connection = connect();
        connection.identify("{\"output_buffer_size\":1,\"output_buffer_timeout\":1}");

        connection.expectFatalError("E_BAD_BODY IDENTIFY output buffer timeout (1) is invalid");
    }

    @Test
    void shouldValidateSampleRateBeforeMsgTimeout()
    {
        final V2Connection connection = connect();
        connection.identify("{\"msg_timeout\":1,\"sample_rate\":100}");

        connection.expectFatalError("E_BAD_BODY IDENTIFY sample rate (100) is invalid");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{",
        "not json",
        "[]",
        "\"string\"",
        "{\"heartbeat_interval\":\"1000\"}",
        "{\"feature_negotiation\":\"yes\"}",
        "{\"msg_timeout\":1000.5}",
        "{\"client_id\":1}",
        "{\"feature_negotiation\":true,}"
    })
    void shouldCloseOnUndecodableJson(final String json)
    {
        final V2Connection connection = connect();
        connection.identify(json);

        connection.expectFatalError("E_BAD_BODY IDENTIFY failed to decode JSON body");
    }

    @Test
    void shouldCloseOnZeroBodySize()
    {
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(0)));

        connection.expectFatalError("E_BAD_BODY IDENTIFY invalid body size 0");
    }

    @Test
    void shouldCloseOnNegativeBodySize()
    {
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(-1)));

        connection.expectFatalError("E_BAD_BODY IDENTIFY invalid body size -1");
    }

    @Test
    void shouldRefuseBodyLargerThanMaxBodySizeWithoutReadingIt()
    {
        final V2Connection connection = connect();
        // only the size goes out: the broker must answer from the size field alone
        connection.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(5_242_881)));

        connection.expectFatalError("E_BAD_BODY IDENTIFY body too big 5242881 > 5242880");
    }

    @Test
    void shouldRefuseIdentifyAfterSub()
    {
        final V2Connection connection = connect();
        connection.subscribe(unique("t"), "ch");
        // the state is checked before the body is read, so no body is needed
        connection.send("IDENTIFY");

        connection.expectFatalError("E_INVALID cannot IDENTIFY in current state");
    }

    @Test
    void shouldAllowPublishAfterIdentify()
    {
        final V2Connection connection = connect();
        connection.identifyOk("{\"client_id\":\"producer\"}");

        connection.publish(unique("t"), "after identify");
    }
}
