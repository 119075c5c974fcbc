package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ringnsq.transport.testsupport.Frame;

/**
 * {@code deflate_level} in the IDENTIFY response (spec §1.7): the requested level when deflate is granted and the
 * request is above 0, else 6; either way capped at {@code --max-deflate-level}, which the response also shows. A
 * granted level then carries a round trip (nsqd deflates at that level; our inflater reads any level).
 */
final class DeflateLevelTest
{
    @ParameterizedTest(name = "--deflate={0} --max-deflate-level={1}, client asks deflate={2} deflate_level={3}: deflate {4} at level {5}")
    @CsvSource({
        // offered, max, asks, asked level, granted, level shown
        "true,  6, true,  0, true,  6",
        "true,  6, true,  1, true,  1",
        "true,  6, true,  6, true,  6",
        "true,  6, true,  9, true,  6",
        "true,  9, true,  9, true,  9",
        "true,  3, true,  9, true,  3",
        "true,  3, true,  0, true,  3",
        "true,  3, false, 2, false, 3",
        "true,  9, false, 2, false, 6",
        "false, 6, true,  2, false, 6",
        "false, 1, true,  2, false, 1",
    })
    void shouldShowTheNegotiatedDeflateLevelCappedByTheMaximum(
        final boolean offered, final int max, final boolean asks, final int askedLevel, final boolean granted, final int shown)
    {
        try (FeatureNsqd nsqd = FeatureNsqd.start(context -> context.deflate(offered).maxDeflateLevel(max));
             StackedClient client = nsqd.connect())
        {
            final Frame answer = client.identifyAndUpgrade("{\"feature_negotiation\":true,\"deflate\":" + asks
                + ",\"deflate_level\":" + askedLevel + "}", null, askedLevel);
            assertEquals(IdentifyResponse.defaults().withDeflate(granted, shown).withMaxDeflateLevel(max).json(), answer.text());
            assertEquals(granted ? List.of("tcp", "deflate") : List.of("tcp"), client.layers());
            client.roundTrip("deflate-level-" + max + "-" + askedLevel, "level ".repeat(200));
        }
    }
}
