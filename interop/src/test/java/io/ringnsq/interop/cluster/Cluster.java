package io.ringnsq.interop.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ringnsq.interop.support.DaemonProcess;

/**
 * nsqlookupd and nsqd processes of this checkout ({@code bin/}) forming one cluster: every nsqd registers with every
 * lookupd ({@code --lookupd-tcp-address}) and broadcasts the address it listens on. Each daemon runs at a
 * {@link Place}: on loopback with ports chosen by the system, or in a network namespace of its own on upstream's
 * default ports.
 */
final class Cluster implements AutoCloseable
{
    /** Where one daemon runs: the command prefix that puts it there, the host it listens on, whether on port 0. */
    record Place(List<String> prefix, String host, boolean anyPort)
    {
        static Place loopback()
        {
            return new Place(List.of(), "127.0.0.1", true);
        }

        String address(final int defaultPort)
        {
            return host + ":" + (anyPort ? 0 : defaultPort);
        }
    }

    private final List<DaemonProcess> lookupds = new ArrayList<>();
    private final List<Place> lookupdPlaces = new ArrayList<>();
    private final List<String> lookupdFlags = new ArrayList<>();
    private final List<Place> nsqdPlaces;
    private final List<Path> dataPaths = new ArrayList<>();
    private final DaemonProcess[] nsqds;

    private Cluster(final List<Place> nsqdPlaces)
    {
        this.nsqdPlaces = nsqdPlaces;
        this.nsqds = new DaemonProcess[nsqdPlaces.size()];
    }

    /** Starts the lookupds, then the nsqds (data paths under {@code dir}); stops what it started if one fails. */
    static Cluster start(final List<Place> lookupdPlaces, final List<Place> nsqdPlaces, final Path dir)
        throws IOException, InterruptedException
    {
        return start(lookupdPlaces, List.of(), nsqdPlaces, dir);
    }

    /** The same, each lookupd with {@code lookupdFlags} too. */
    static Cluster start(final List<Place> lookupdPlaces, final List<String> lookupdFlags, final List<Place> nsqdPlaces,
        final Path dir) throws IOException, InterruptedException
    {
        final Cluster cluster = new Cluster(nsqdPlaces);
        cluster.lookupdPlaces.addAll(lookupdPlaces);
        cluster.lookupdFlags.addAll(lookupdFlags);
        try
        {
            for (int i = 0; i < lookupdPlaces.size(); i++)
            {
                final Place place = lookupdPlaces.get(i);
                cluster.lookupds.add(cluster.startLookupd(i, place.address(4160), place.address(4161)));
            }
            for (int i = 0; i < nsqdPlaces.size(); i++)
            {
                cluster.dataPaths.add(Files.createDirectories(dir.resolve("nsqd-" + i)));
                cluster.startNsqd(i);
            }
            return cluster;
        }
        catch (final IOException | RuntimeException | InterruptedException ex)
        {
            cluster.close();
            throw ex;
        }
    }

    private DaemonProcess startLookupd(final int i, final String tcpAddress, final String httpAddress)
        throws IOException, InterruptedException
    {
        final Place place = lookupdPlaces.get(i);
        final List<String> arguments = new ArrayList<>(List.of("--tcp-address=" + tcpAddress, "--http-address=" + httpAddress,
            "--broadcast-address=" + place.host()));
        arguments.addAll(lookupdFlags);
        return DaemonProcess.start(place.prefix(), "nsqlookupd", arguments, "[lookupd-" + i + "] ");
    }

    /** {@code kill -9} of lookupd {@code i} and a new one on the same addresses: it knows nothing until nsqds register again. */
    void restartLookupd(final int i) throws IOException, InterruptedException
    {
        final DaemonProcess old = lookupds.get(i);
        old.kill();
        lookupds.set(i, startLookupd(i, old.tcpHostAndPort(), old.httpHostAndPort()));
    }

    /** Starts nsqd {@code i} (again, after {@link #killNsqd}) on its data path. */
    DaemonProcess startNsqd(final int i) throws IOException, InterruptedException
    {
        final Place place = nsqdPlaces.get(i);
        final List<String> arguments = new ArrayList<>(List.of("--tcp-address=" + place.address(4150),
            "--http-address=" + place.address(4151), "--broadcast-address=" + place.host(),
            "--data-path=" + dataPaths.get(i)));
        for (final DaemonProcess lookupd : lookupds)
        {
            arguments.add("--lookupd-tcp-address=" + lookupd.tcpHostAndPort());
        }
        nsqds[i] = DaemonProcess.start(place.prefix(), "nsqd", arguments, "[nsqd-" + i + "] ");
        return nsqds[i];
    }

    /** {@code kill -9} of nsqd {@code i}; returns its exit code. */
    int killNsqd(final int i) throws InterruptedException
    {
        return nsqds[i].kill();
    }

    DaemonProcess nsqd(final int i)
    {
        return nsqds[i];
    }

    int nsqdCount()
    {
        return nsqds.length;
    }

    List<DaemonProcess> lookupds()
    {
        return lookupds;
    }

    /** What clients connect to for each nsqd: {@code broadcast_address:tcp_port}, as lookupd lists it. */
    String producer(final int i)
    {
        return nsqds[i].tcpHostAndPort();
    }

    /** Stops every process still running (kill: nothing here needs a clean stop). */
    @Override
    public void close()
    {
        for (final DaemonProcess nsqd : nsqds)
        {
            if (nsqd != null)
            {
                nsqd.close();
            }
        }
        lookupds.forEach(DaemonProcess::close);
    }
}
