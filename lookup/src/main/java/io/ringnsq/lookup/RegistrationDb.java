package io.ringnsq.lookup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ringnsq.core.Names;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nsqlookupd's registry (spec §4.2, upstream's {@code registration_db.go}): keys (category, key, subkey), each
 * with the producers registered under it, tombstones, and the liveness rules of /lookup and /nodes.
 *
 * <p>Not thread-safe, on purpose: one thread owns it. Every V1 connection and every HTTP request of a lookupd
 * is served by its single I/O agent thread, which is the only caller, so there is no lock to take and no
 * ordering to reason about. lookupd is not a hot path; a second agent thread would buy nothing here.
 *
 * <p>Iteration follows insertion order, one of the orders upstream's Go maps may give.
 */
public final class RegistrationDb
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqlookupd");

    private final Map<Registration, Map<String, Producer>> registrations = new LinkedHashMap<>();
    private final EpochNanoClock clock;
    private final long inactiveProducerTimeoutNanos;
    private final long tombstoneLifetimeNanos;

    /**
     * @param clock                        wall clock for last-update and tombstone times (a fake one in tests)
     * @param inactiveProducerTimeoutNanos {@code --inactive-producer-timeout}
     * @param tombstoneLifetimeNanos       {@code --tombstone-lifetime}
     */
    public RegistrationDb(final EpochNanoClock clock, final long inactiveProducerTimeoutNanos, final long tombstoneLifetimeNanos)
    {
        this.clock = clock;
        this.inactiveProducerTimeoutNanos = inactiveProducerTimeoutNanos;
        this.tombstoneLifetimeNanos = tombstoneLifetimeNanos;
    }

    // ---------------------------------------------------------------- upstream's primitives

    /** Adds the key with no producers if it is missing. */
    public void addRegistration(final Registration key)
    {
        registrations.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }

    /** Adds the producer under the key (creating it); false when that peer was there already. */
    public boolean addProducer(final Registration key, final PeerInfo peer)
    {
        final Map<String, Producer> producers = registrations.computeIfAbsent(key, k -> new LinkedHashMap<>());
        if (producers.containsKey(peer.id()))
        {
            return false;
        }
        producers.put(peer.id(), new Producer(peer));
        return true;
    }

    /** What {@link #removeProducer} did: whether the peer was there, and how many producers the key has left. */
    public record Removal(boolean removed, int left)
    {
    }

    /** Removes the peer from the key, which stays even when no producer is left (upstream). */
    public Removal removeProducer(final Registration key, final String id)
    {
        final Map<String, Producer> producers = registrations.get(key);
        if (producers == null)
        {
            return new Removal(false, 0);
        }
        final boolean removed = producers.remove(id) != null;
        return new Removal(removed, producers.size());
    }

    public void removeRegistration(final Registration key)
    {
        registrations.remove(key);
    }

    /** The keys that match, {@code *} matching any key or subkey; an exact search finds at most its own key. */
    public List<Registration> findRegistrations(final String category, final String key, final String subKey)
    {
        if (!Registration.ANY.equals(key) && !Registration.ANY.equals(subKey))
        {
            final Registration exact = new Registration(category, key, subKey);
            return registrations.containsKey(exact) ? List.of(exact) : List.of();
        }
        final List<Registration> found = new ArrayList<>();
        for (final Registration r : registrations.keySet())
        {
            if (r.matches(category, key, subKey))
            {
                found.add(r);
            }
        }
        return found;
    }

    /** The producers under every matching key, each peer once. */
    public List<Producer> findProducers(final String category, final String key, final String subKey)
    {
        final Map<String, Producer> unique = new LinkedHashMap<>();
        for (final Registration r : findRegistrations(category, key, subKey))
        {
            for (final Producer p : registrations.get(r).values())
            {
                unique.putIfAbsent(p.peer().id(), p);
            }
        }
        return new ArrayList<>(unique.values());
    }

    /** Every key the peer is registered under. */
    public List<Registration> lookupRegistrations(final String id)
    {
        final List<Registration> found = new ArrayList<>();
        registrations.forEach((key, producers) ->
        {
            if (producers.containsKey(id))
            {
                found.add(key);
            }
        });
        return found;
    }

    /** Every key and its producers, for /debug; read-only. */
    public Map<Registration, Map<String, Producer>> all()
    {
        return Collections.unmodifiableMap(registrations);
    }

    // ---------------------------------------------------------------- liveness

    /**
     * Upstream's {@code FilterByActive}: drops producers whose peer has not sent IDENTIFY or PING for longer
     * than the inactive timeout, and, with {@code honourTombstones}, those tombstoned less than the tombstone
     * lifetime ago (/lookup does, /nodes does not).
     */
    public List<Producer> active(final List<Producer> producers, final boolean honourTombstones)
    {
        final long now = clock.nanoTime();
        final List<Producer> active = new ArrayList<>(producers.size());
        for (final Producer p : producers)
        {
            if (now - p.peer().lastUpdate() > inactiveProducerTimeoutNanos
                || (honourTombstones && p.isTombstoned(now, tombstoneLifetimeNanos)))
            {
                continue;
            }
            active.add(p);
        }
        return active;
    }

    /** Whether the producer's tombstone still hides it (for /nodes' {@code tombstones}). */
    public boolean isTombstoned(final Producer producer)
    {
        return producer.isTombstoned(clock.nanoTime(), tombstoneLifetimeNanos);
    }

    /** IDENTIFY and PING: the peer is alive now. */
    public void touch(final PeerInfo peer)
    {
        peer.lastUpdate(clock.nanoTime());
    }

    /** {@code /topic/tombstone}: tombstones, for that topic, every producer whose {@code broadcast_address:http_port} is {@code node}. */
    public void tombstone(final String topic, final String node)
    {
        final long now = clock.nanoTime();
        for (final Producer p : findProducers(Registration.TOPIC, topic, ""))
        {
            if (p.peer().node().equals(node))
            {
                p.tombstone(now);
            }
        }
    }

    // ---------------------------------------------------------------- what the V1 commands and a disconnect do

    /** IDENTIFY: the peer's {@code client} registration. */
    public void identify(final PeerInfo peer)
    {
        touch(peer);
        add(peer, Registration.client());
    }

    /** REGISTER: the channel (when given) and the topic. */
    public void register(final PeerInfo peer, final String topic, final String channel)
    {
        if (!channel.isEmpty())
        {
            add(peer, Registration.channel(topic, channel));
        }
        add(peer, Registration.topic(topic));
    }

    /**
     * UNREGISTER with a channel: off that channel, which goes when ephemeral and left with no producer. With a
     * topic only: off every channel of the topic and off the topic, which goes when ephemeral and left empty
     * (its non-ephemeral channels stay, as upstream).
     */
    public void unregister(final PeerInfo peer, final String topic, final String channel)
    {
        if (!channel.isEmpty())
        {
            removeAndDropIfEphemeral(peer, Registration.channel(topic, channel), channel);
            return;
        }
        for (final Registration r : findRegistrations(Registration.CHANNEL, topic, Registration.ANY))
        {
            if (removeProducer(r, peer.id()).removed())
            {
                LOG.warn("client({}) unexpected UNREGISTER category:{} key:{} subkey:{}", peer, r.category(), r.key(), r.subKey());
            }
        }
        removeAndDropIfEphemeral(peer, Registration.topic(topic), topic);
    }

    /** The connection closed: the peer leaves every key, and the keys stay (upstream). */
    public void remove(final PeerInfo peer)
    {
        for (final Registration r : lookupRegistrations(peer.id()))
        {
            if (removeProducer(r, peer.id()).removed())
            {
                logChange(peer, "UNREGISTER", r);
            }
        }
    }

    private void add(final PeerInfo peer, final Registration key)
    {
        if (addProducer(key, peer))
        {
            logChange(peer, "REGISTER", key);
        }
    }

    private void removeAndDropIfEphemeral(final PeerInfo peer, final Registration key, final String name)
    {
        final Removal removal = removeProducer(key, peer.id());
        if (removal.removed())
        {
            logChange(peer, "UNREGISTER", key);
        }
        if (removal.left() == 0 && Names.isEphemeral(name))
        {
            removeRegistration(key);
        }
    }

    private static void logChange(final PeerInfo peer, final String what, final Registration key)
    {
        LOG.info("DB: client({}) {} category:{} key:{} subkey:{}", peer, what, key.category(), key.key(), key.subKey());
    }

    /** The keys of the given registrations, in order (upstream's {@code Keys()}). */
    public static List<String> keys(final List<Registration> found)
    {
        final List<String> keys = new ArrayList<>(found.size());
        found.forEach(r -> keys.add(r.key()));
        return keys;
    }

    /** The subkeys of the given registrations, in order (upstream's {@code SubKeys()}). */
    public static List<String> subKeys(final List<Registration> found)
    {
        final List<String> subKeys = new ArrayList<>(found.size());
        found.forEach(r -> subKeys.add(r.subKey()));
        return subKeys;
    }

    /** The distinct topics the peer is registered under (for /nodes). */
    public List<String> topicsOf(final PeerInfo peer)
    {
        final Set<String> topics = new LinkedHashSet<>();
        for (final Registration r : lookupRegistrations(peer.id()))
        {
            if (Registration.TOPIC.equals(r.category()) && r.subKey().isEmpty())
            {
                topics.add(r.key());
            }
        }
        return new ArrayList<>(topics);
    }
}
