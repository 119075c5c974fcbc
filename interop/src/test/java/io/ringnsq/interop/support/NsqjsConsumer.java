package io.ringnsq.interop.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** nsqjs's Reader as a consumer ({@code interop/nsqjs/consume.js}): receives a count of messages and says which. */
public final class NsqjsConsumer
{
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private NsqjsConsumer()
    {
    }

    /**
     * Receives {@code count} messages of {@code topic}/{@code channel} from {@code source} (an nsqd's {@code host:port},
     * or {@code lookupd=<host:port>,...}), finishing each; fails unless all arrived, each at its first attempt, within
     * 30 s. Returns their bodies.
     */
    public static Set<String> receive(final String source, final String topic, final String channel, final int count)
        throws IOException, InterruptedException
    {
        final NodePackage nsqjs = NodePackage.named("nsqjs").install("nsqjs");
        final ExternalProcess.Result run = ExternalProcess.run(
            List.of("node", "consume.js", source, topic, channel, String.valueOf(count), "30000"),
            nsqjs.dir(), Map.of(), LIMIT, "[nsqjs] ");
        assertEquals(0, run.exitCode(), "nsqjs consumer failed");
        final Set<String> bodies = new HashSet<>();
        for (final String line : run.lines())
        {
            if (line.startsWith("{\"body\":"))
            {
                assertTrue(line.endsWith(",\"attempts\":1}"), line);
                bodies.add(line.substring("{\"body\":\"".length(), line.lastIndexOf("\",\"attempts\"")));
            }
        }
        return bodies;
    }
}
