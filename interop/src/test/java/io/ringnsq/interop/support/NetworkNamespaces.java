package io.ringnsq.interop.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces made for one test, so that daemons run on addresses of their own across a real (virtual) network
 * that never leaves this machine: a bridge in this namespace with {@code 10.213.N.1/24}, and per name a namespace
 * with loopback up and one end of a veth pair, {@code 10.213.N.(10+i)/24}, whose other end is on the bridge. The test
 * (in this namespace) reaches every address through the bridge. {@link #close()} deletes what it made. Needs root and
 * iproute2's {@code ip}; {@link #create} throws {@link Unavailable} when they are not there.
 */
public final class NetworkNamespaces implements AutoCloseable
{
    /** Namespaces cannot be made here (not root, no {@code ip}, no veth or bridge support): the reason. */
    public static final class Unavailable extends Exception
    {
        private static final long serialVersionUID = 1L;

        Unavailable(final String reason)
        {
            super(reason);
        }
    }

    private static final long COMMAND_LIMIT_SECONDS = 10;

    private final String tag;
    private final String bridge;
    private final String subnet;
    /** The namespaces by the names asked for, and each one's address. */
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    /** This namespace's ends of the veth pairs. */
    private final List<String> outsideEnds = new ArrayList<>();

    private NetworkNamespaces(final String tag, final String subnet)
    {
        this.tag = tag;
        this.bridge = "rnsqbr" + tag;
        this.subnet = subnet;
    }

    /** One namespace per name, on a fresh subnet; cleans up after itself when a step fails. */
    public static NetworkNamespaces create(final List<String> names) throws Unavailable, IOException, InterruptedException
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            throw new Unavailable("network namespaces need root (running as " + System.getProperty("user.name") + ")");
        }
        final NetworkNamespaces made = new NetworkNamespaces(
            String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000)), freeSubnet());
        try
        {
            made.build(names);
            return made;
        }
        catch (final Unavailable | IOException | RuntimeException | InterruptedException ex)
        {
            made.close();
            throw ex;
        }
    }

    /** The address of the namespace made for {@code name}. */
    public String address(final String name)
    {
        return addresses.get(name);
    }

    /** The command prefix that runs a program inside the namespace made for {@code name} ({@code ip netns exec} execs it). */
    public List<String> exec(final String name)
    {
        return List.of("ip", "netns", "exec", namespaces.get(name));
    }

    private void build(final List<String> names) throws Unavailable, IOException, InterruptedException
    {
        ip("link", "add", bridge, "type", "bridge");
        ip("addr", "add", subnet + ".1/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int i = 0; i < names.size(); i++)
        {
            final String namespace = "rnsq" + tag + "-" + i;
            final String outside = "rn" + tag + "o" + i;
            final String inside = "rn" + tag + "i" + i;
            final String address = subnet + "." + (10 + i);
            ip("netns", "add", namespace);
            namespaces.put(names.get(i), namespace);
            ip("link", "add", outside, "type", "veth", "peer", "name", inside);
            outsideEnds.add(outside);
            ip("link", "set", inside, "netns", namespace);
            ip("link", "set", outside, "master", bridge);
            ip("link", "set", outside, "up");
            ip("-n", namespace, "addr", "add", address + "/24", "dev", inside);
            ip("-n", namespace, "link", "set", inside, "up");
            ip("-n", namespace, "link", "set", "lo", "up");
            addresses.put(names.get(i), address);
        }
    }

    /** A 10.213.N.0/24 this machine has no route for yet, as {@code 10.213.N}. */
    private static String freeSubnet() throws Unavailable, IOException, InterruptedException
    {
        final String routes = run(List.of("ip", "-4", "route", "show"));
        for (int attempt = 0; attempt < 64; attempt++)
        {
            final String candidate = "10.213." + ThreadLocalRandom.current().nextInt(1, 255);
            if (!routes.contains(candidate + "."))
            {
                return candidate;
            }
        }
        throw new Unavailable("no free 10.213.N.0/24 subnet");
    }

    private static void ip(final String... arguments) throws Unavailable, IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(command);
    }

    private static String run(final List<String> command) throws Unavailable, IOException, InterruptedException
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new Unavailable("cannot run " + command.get(0) + ": " + ex.getMessage());
        }
        process.getOutputStream().close();
        if (!process.waitFor(COMMAND_LIMIT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_LIMIT_SECONDS + " s");
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0)
        {
            throw new Unavailable(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output.trim());
        }
        return output;
    }

    /**
     * Deletes the veth pairs, the namespaces and the bridge; what is already gone is no error. The pairs go first and
     * by name: the kernel frees a deleted namespace (and the pair with it) only once nothing refers to it, and a
     * namespace whose listener had connections lingered here long after its process was gone.
     */
    @Override
    public void close() throws IOException, InterruptedException
    {
        for (final String outside : outsideEnds)
        {
            quietly("link", "del", outside);
        }
        outsideEnds.clear();
        for (final String namespace : namespaces.values())
        {
            quietly("netns", "del", namespace);
        }
        namespaces.clear();
        quietly("link", "del", bridge);
    }

    private static void quietly(final String... arguments) throws IOException, InterruptedException
    {
        try
        {
            ip(arguments);
        }
        catch (final Unavailable ex)
        {
            // deleting what a failed step never made, or what is already gone
        }
    }
}
