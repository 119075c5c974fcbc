package io.ringnsq.interop.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ringnsq.interop.support.NetworkNamespaces;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster of {@link LoopbackClusterSystemTest} on several addresses: each nsqlookupd and each nsqd in a network
 * namespace of its own (made by the test, joined by a bridge on this machine), on upstream's default ports, each nsqd
 * broadcasting its own address. Lookups, registrations and the consumer's connections cross a real (virtual) network.
 * Skipped, saying why, where namespaces cannot be made.
 */
class NamespaceClusterSystemTest
{
    private static final List<String> LOOKUPDS = List.of("lookupd-0", "lookupd-1");
    private static final List<String> NSQDS = List.of("nsqd-0", "nsqd-1", "nsqd-2");

    @TempDir
    Path dir;

    @Test
    void shouldFindEveryNsqdThroughTheLookupdsAcrossNamespaces() throws Exception
    {
        final NetworkNamespaces namespaces;
        try
        {
            namespaces = NetworkNamespaces.create(concat(LOOKUPDS, NSQDS));
        }
        catch (final NetworkNamespaces.Unavailable ex)
        {
            Assumptions.abort("network namespaces cannot be made here: " + ex.getMessage());
            return;
        }
        try (namespaces;
             Cluster cluster = Cluster.start(places(namespaces, LOOKUPDS), places(namespaces, NSQDS), dir))
        {
            ClusterScenario.run(cluster, "cluster_netns");
        }
    }

    private static List<Cluster.Place> places(final NetworkNamespaces namespaces, final List<String> names)
    {
        return names.stream().map(name -> new Cluster.Place(namespaces.exec(name), namespaces.address(name), false)).toList();
    }

    private static List<String> concat(final List<String> a, final List<String> b)
    {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
