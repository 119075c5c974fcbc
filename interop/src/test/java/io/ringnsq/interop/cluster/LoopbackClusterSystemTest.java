package io.ringnsq.interop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.ringnsq.interop.support.DaemonHttp;
import io.ringnsq.interop.support.DaemonProcess;
import io.ringnsq.interop.support.NsqjsConsumer;
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

    /** nsqjs's Reader, given only the two lookupds, finds both nsqds and receives what was published to each. */
    @Test
    void shouldLetNsqjsFindEveryNsqdThroughTheLookupds() throws Exception
    {
        try (Cluster cluster = Cluster.start(Collections.nCopies(2, Cluster.Place.loopback()),
            Collections.nCopies(2, Cluster.Place.loopback()), dir))
        {
            final String topic = "cluster_nsqjs";
            final Set<String> expected = new TreeSet<>();
            for (int i = 0; i < cluster.nsqdCount(); i++)
            {
                final List<String> bodies = new ArrayList<>();
                for (int k = 0; k < 50; k++)
                {
                    bodies.add("n" + i + "-" + k);
                }
                final DaemonHttp.Answer answer = DaemonHttp.post(cluster.nsqd(i).httpBase() + "/mpub?topic=" + topic,
                    String.join("\n", bodies));
                assertEquals(200, answer.status(), answer::toString);
                expected.addAll(bodies);
            }
            final String lookupds = cluster.lookupds().stream().map(DaemonProcess::httpHostAndPort).collect(Collectors.joining(","));
            final Set<String> received = NsqjsConsumer.receive("lookupd=" + lookupds, topic, "ch", expected.size());
            assertEquals(expected, received);
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
