package io.ringnsq.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The V1 TCP protocol byte for byte (spec §4.1, Appendix A), over raw sockets to an in-process lookupd. */
class V1ConformanceTest
{
    private static final String NSQD_IDENTIFY =
        "{\"broadcast_address\":\"n1\",\"hostname\":\"n1\",\"http_port\":4151,\"tcp_port\":4150,\"version\":\"1.3.0\"}";

    private final LookupdFixture lookupd = new LookupdFixture(new LookupdContext().maxIdentifyBodySize(4096));

    @AfterEach
    void stop()
    {
        lookupd.close();
    }

    private V1Client client()
    {
        return V1Client.open(lookupd.tcpPort());
    }

    private V1Client identified()
    {
        return client().identify("n1", 4150, 4151);
    }

    @Test
    void shouldAnswerPingWithUntypedOkBeforeIdentify()
    {
        try (V1Client c = client())
        {
            c.send("PING");
            assertEquals("00 00 00 02 4f 4b", hex(c.readWireReply()));
            c.send("PING");
            c.expectOk();
        }
    }

    @Test
    void shouldRefuseAnotherMagicWithBadProtocolAndClose()
    {
        try (V1Client c = V1Client.connect(lookupd.tcpPort()))
        {
            c.write(Wire.ascii("  V2"));
            c.expectFatal("E_BAD_PROTOCOL");
        }
    }

    @Test
    void shouldReplyToIdentifyWithItsOwnDetailsInAlphabeticalKeys()
    {
        try (V1Client c = client())
        {
            c.write(Wire.identify(NSQD_IDENTIFY));
            assertEquals("{\"broadcast_address\":\"lookupd.test\",\"hostname\":\"" + NsqdContext.hostname() + "\",\"http_port\":"
                + lookupd.httpPort() + ",\"tcp_port\":" + lookupd.tcpPort() + ",\"version\":\"1.3.0\"}", c.readText());
            c.send("REGISTER t1 c1");
            c.expectOk();
        }
    }

    @Test
    void shouldTakeCommandsSplitAcrossWritesAndSeveralInOneWrite()
    {
        try (V1Client c = client())
        {
            final byte[] all = Wire.concat(Wire.identify(NSQD_IDENTIFY), Wire.line("REGISTER a"), Wire.line("PING"));
            for (final byte b : all)
            {
                c.write(new byte[] {b});
            }
            c.readReply();
            c.expectOk();
            c.expectOk();
            c.write(Wire.concat(Wire.line("REGISTER b"), Wire.line("UNREGISTER b"), Wire.ascii("  PING\r\n")));
            c.expectOk();
            c.expectOk();
            c.expectOk();
        }
    }

    @Test
    void shouldCloseAfterRegisterBeforeIdentify()
    {
        try (V1Client c = client())
        {
            c.send("REGISTER t");
            c.expectFatal("E_INVALID client must IDENTIFY");
        }
    }

    @Test
    void shouldCloseAfterUnregisterBeforeIdentify()
    {
        try (V1Client c = client())
        {
            c.send("UNREGISTER t");
            c.expectFatal("E_INVALID client must IDENTIFY");
        }
    }

    @Test
    void shouldCloseAfterASecondIdentify()
    {
        try (V1Client c = identified())
        {
            c.write(Wire.identify(NSQD_IDENTIFY));
            c.expectFatal("E_INVALID cannot IDENTIFY again");
        }
    }

    @Test
    void shouldCloseAfterRegisterWithoutParams()
    {
        try (V1Client c = identified())
        {
            c.send("REGISTER");
            c.expectFatal("E_INVALID REGISTER insufficient number of params");
        }
    }

    @Test
    void shouldCloseAfterUnregisterWithoutParams()
    {
        try (V1Client c = identified())
        {
            c.send("UNREGISTER ");
            c.expectFatal("E_INVALID UNREGISTER insufficient number of params");
        }
    }

    @Test
    void shouldQuoteAnInvalidTopicInSingleQuotes()
    {
        try (V1Client c = identified())
        {
            c.send("REGISTER bad!t");
            c.expectFatal("E_BAD_TOPIC REGISTER topic name 'bad!t' is not valid");
        }
    }

    @Test
    void shouldTreatTwoSpacesAsAnEmptyTopicName()
    {
        try (V1Client c = identified())
        {
            c.send("UNREGISTER  t");
            c.expectFatal("E_BAD_TOPIC UNREGISTER topic name '' is not valid");
        }
    }

    @Test
    void shouldQuoteAnInvalidChannelInSingleQuotes()
    {
        try (V1Client c = identified())
        {
            c.send("REGISTER t bad!c");
            c.expectFatal("E_BAD_CHANNEL REGISTER channel name 'bad!c' is not valid");
        }
        try (V1Client c = identified())
        {
            c.send("UNREGISTER t bad!c");
            c.expectFatal("E_BAD_CHANNEL UNREGISTER channel name 'bad!c' is not valid");
        }
    }

    @Test
    void shouldEchoTheRawBytesOfAnInvalidName()
    {
        try (V1Client c = identified())
        {
            c.write(Wire.concat(Wire.ascii("REGISTER t\u00e9\n")));
            c.expectFatal("E_BAD_TOPIC REGISTER topic name 't\u00e9' is not valid");
        }
    }

    @Test
    void shouldCloseAfterAnUnknownCommandNamingIt()
    {
        try (V1Client c = client())
        {
            c.send("ASDF x");
            c.expectFatal("E_INVALID invalid command ASDF");
        }
    }

    @Test
    void shouldCloseAfterAnEmptyLineAsAnInvalidEmptyCommand()
    {
        try (V1Client c = client())
        {
            c.send(" \t ");
            c.expectFatal("E_INVALID invalid command ");
        }
    }

    @Test
    void shouldNotRunCommandsAfterAFatalErrorInTheSameWrite()
    {
        try (V1Client c = client())
        {
            c.write(Wire.concat(Wire.line("NOPE"), Wire.line("PING")));
            c.expectFatal("E_INVALID invalid command NOPE");
        }
    }

    @Test
    void shouldCloseAfterAnIdentifyBodyThatIsNotJson()
    {
        try (V1Client c = client())
        {
            c.write(Wire.identify("{not json"));
            c.expectFatal("E_BAD_BODY IDENTIFY failed to decode JSON body");
        }
    }

    @Test
    void shouldCloseAfterAnIdentifyPortOfTheWrongType()
    {
        try (V1Client c = client())
        {
            c.write(Wire.identify(NSQD_IDENTIFY.replace("4150", "\"4150\"")));
            c.expectFatal("E_BAD_BODY IDENTIFY failed to decode JSON body");
        }
    }

    @Test
    void shouldCloseAfterAnEmptyIdentifyBody()
    {
        try (V1Client c = client())
        {
            c.write(Wire.identify(""));
            c.expectFatal("E_BAD_BODY IDENTIFY failed to decode JSON body");
        }
    }

    @Test
    void shouldCloseAfterAnIdentifyWithoutEveryRequiredField()
    {
        for (final String missing : new String[] {"\"broadcast_address\":\"n1\"", "\"http_port\":4151", "\"tcp_port\":4150",
            "\"version\":\"1.3.0\""})
        {
            try (V1Client c = client())
            {
                c.write(Wire.identify(NSQD_IDENTIFY.replace(missing + ",", "").replace("," + missing, "")));
                c.expectFatal("E_BAD_BODY IDENTIFY missing fields");
            }
        }
    }

    @Test
    void shouldAcceptIdentifyKeysInAnyCaseAndIgnoreUnknownOnes()
    {
        try (V1Client c = client())
        {
            c.write(Wire.identify("{\"BROADCAST_ADDRESS\":\"n1\",\"Tcp_Port\":1,\"http_port\":2,\"version\":\"x\",\"extra\":[1,{}]}"));
            c.readReply();
            c.send("PING");
            c.expectOk();
        }
    }

    @Test
    void shouldCloseWhenTheStreamEndsBeforeTheIdentifyBodySize()
    {
        try (V1Client c = client())
        {
            c.write(Wire.concat(Wire.line("IDENTIFY"), new byte[] {0, 0}));
            c.expectSilence();
            c.shutdownOutput();
            c.expectFatal("E_BAD_BODY IDENTIFY failed to read body size");
        }
    }

    @Test
    void shouldCloseWhenTheStreamEndsInsideTheIdentifyBody()
    {
        try (V1Client c = client())
        {
            c.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(100), Wire.ascii("{\"a\"")));
            c.expectSilence();
            c.shutdownOutput();
            c.expectFatal("E_BAD_BODY IDENTIFY failed to read body");
        }
    }

    @Test
    void shouldRefuseAnOversizedIdentifyBodyWithoutWaitingForIt()
    {
        try (V1Client c = client())
        {
            // 2 GiB announced, no byte of it sent: answered at once, so nothing was waited for or allocated
            c.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(Integer.MAX_VALUE)));
            c.expectFatal("E_BAD_BODY IDENTIFY failed to read body");
        }
        try (V1Client c = client())
        {
            c.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(4097)));
            c.expectFatal("E_BAD_BODY IDENTIFY failed to read body");
        }
    }

    @Test
    void shouldRefuseANegativeIdentifyBodySize()
    {
        try (V1Client c = client())
        {
            c.write(Wire.concat(Wire.line("IDENTIFY"), Wire.int32(-1)));
            c.expectFatal("E_BAD_BODY IDENTIFY failed to read body");
        }
    }

    @Test
    void shouldTakeAnIdentifyBodyLargerThanTheInputBufferUpToTheCap()
    {
        final String padding = "x".repeat(V1Handler.MAX_LINE * 2);
        try (LookupdFixture big = new LookupdFixture(new LookupdContext()); V1Client c = V1Client.open(big.tcpPort()))
        {
            c.write(Wire.identify(NSQD_IDENTIFY.replace("}", ",\"pad\":\"" + padding + "\"}")));
            c.readReply();
            c.send("PING");
            c.expectOk();
        }
    }

    @Test
    void shouldNotRunALastLineWithoutItsNewline()
    {
        try (V1Client c = client())
        {
            c.write(Wire.ascii("PING"));
            c.expectSilence();
            c.shutdownOutput();
            c.expectClosedSilently();
        }
    }

    @Test
    void shouldCloseSilentlyOnALineLongerThanTheLimit()
    {
        try (V1Client c = client())
        {
            c.write(Wire.repeat('a', V1Handler.MAX_LINE + 1));
            c.expectClosedSilently();
        }
    }

    @Test
    void shouldCloseSilentlyWhenTheStreamEndsInsideTheMagic()
    {
        try (V1Client c = V1Client.connect(lookupd.tcpPort()))
        {
            c.write(Wire.ascii("  V"));
            c.shutdownOutput();
            c.expectClosedSilently();
        }
    }

    @Test
    void shouldAnswerWhatCameBeforeTheStreamEnded()
    {
        try (V1Client c = client())
        {
            c.write(Wire.concat(Wire.line("PING"), Wire.line("PING")));
            c.shutdownOutput();
            c.expectOk();
            c.expectOk();
            c.expectClosedSilently();
        }
    }

    private static String hex(final byte[] wire)
    {
        final StringBuilder out = new StringBuilder();
        for (final byte b : wire)
        {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }
}
