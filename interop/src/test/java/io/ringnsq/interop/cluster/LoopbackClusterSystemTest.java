package io.ringnsq.interop.cluster;

import java.nio.file.Path;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nsqlookupd and three nsqd, each a process of its own on 127.0.0.1 (ports chosen by the system), as
 * {@link ClusterScenario} runs them: discovery through both lookupds, an nsqd killed and restarted.
 */
class LoopbackClusterSystemTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFindEveryNsqdThroughTheLookupdsAndFollowAKillAndRestart() throws Exception
    {
        try (Cluster cluster = Cluster.start(Collections.nCopies(2, Cluster.Place.loopback()),
            Collections.nCopies(3, Cluster.Place.loopback()), dir))
        {
            ClusterScenario.run(cluster, "cluster_loopback");
        }
    }
}
