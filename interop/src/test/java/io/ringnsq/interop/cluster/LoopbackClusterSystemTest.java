package io.ringnsq.interop.cluster;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.ringnsq.interop.support.DaemonHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nsqlookupd and three nsqd, each a process of its own on 127.0.0.1 (ports chosen by the system), as
 * {@link ClusterScenario} runs them: discovery through both lookupds, an nsqd killed and restarted. And lookupd's
 * liveness rule for an nsqd that is still connected but silent.
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

    /**
     * A frozen nsqd (SIGSTOP) keeps its connection to lookupd open but sends no PING (every 15 s): lookupd hides it from
     * {@code /lookup} once its last PING is older than {@code --inactive-producer-timeout}, and shows it again at the
     * PING it sends once thawed.
     */
    @Test
    void shouldHideAnNsqdThatStopsPingingAfterTheInactiveProducerTimeout() throws Exception
    {
        try (Cluster cluster = Cluster.start(List.of(Cluster.Place.loopback()), List.of("--inactive-producer-timeout=16s"),
            List.of(Cluster.Place.loopback()), dir))
        {
            final String topic = "frozen";
            DaemonHttp.postOk(cluster.nsqd(0).httpBase() + "/topic/create?topic=" + topic);
            ClusterScenario.awaitProducers(cluster.lookupds(), topic, Set.of(cluster.producer(0)), "the nsqd registered");
            cluster.nsqd(0).freeze(true);
            ClusterScenario.awaitProducers(cluster.lookupds(), topic, Set.of(), "the frozen nsqd hidden");
            cluster.nsqd(0).freeze(false);
            ClusterScenario.awaitProducers(cluster.lookupds(), topic, Set.of(cluster.producer(0)), "the thawed nsqd back");
        }
    }
}
