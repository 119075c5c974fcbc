package io.ringnsq.transport.nsqd.lookupd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.Names;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nsqd's registration with its nsqlookupds (upstream's {@code lookupLoop}, spec §4.1). For each address:
 * connect, {@code "  V1"}, IDENTIFY, then {@code REGISTER} every topic and channel; a {@code PING} every
 * 15 s; {@code REGISTER}/{@code UNREGISTER} as topics and channels come and go; after any I/O error
 * reconnect and send it all again. {@code PUT /config/nsqlookupd_tcp_addresses} changes the set.
 *
 * <p><b>Threads.</b> One dedicated thread with blocking sockets, as upstream's one goroutine, rather
 * than an agent on the shared NIO transport: lookupd traffic is a few short lines a minute, each
 * bounded by a 1 s deadline, and a blocking loop keeps upstream's sequencing (a command, its reply, the
 * next) plain to read and to check. It is one thread whatever the number of lookupds, topics and
 * channels, and it parks when idle. The {@code /channels} queries for new topics run asynchronously on
 * {@link ChannelsQuery}'s thread so a slow lookupd HTTP server delays neither registration nor PINGs.
 *
 * <p><b>Events.</b> The engine, single writer of topics and channels, hands each change to
 * {@link RegistrationEvents} (a lock-free queue, then an unpark). This thread keeps its own copy of the
 * topics and channels from them ({@link RegisteredTopics}), which it sends to every lookupd it connects.
 *
 * <p><b>Channels pre-created from lookupd</b> (spec §2.2). When some lookupd has told its HTTP address,
 * a topic created at run time is held by the engine: it takes messages but passes none to channels.
 * This thread asks every lookupd's {@code /channels}, and sends the union back to the engine on a link
 * of its own ({@link CommandType#TOPIC_CHANNELS}); the engine creates the non-ephemeral ones, then lets
 * the topic flow. So no channel lookupd knows misses the first messages, as upstream, without the
 * engine ever waiting on the network. When every lookupd fails the topic flows with the channels it
 * has, after a warning, as upstream does.
 */
public final class LookupdRegistration implements AutoCloseable
{
    /** I/O agents number their connections from 64 up and statsd uses 1; the engine sees this thread as one client. */
    static final long CONNECTION_ID = 2;
    private static final Logger LOG = LoggerFactory.getLogger(LookupdRegistration.class);
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FIRST_RETRY_NS = TimeUnit.SECONDS.toNanos(1);

    private final LookupdSettings settings;
    private final IoLink link;
    private final RegistrationEvents events;
    private final NanoClock clock;
    private final RegisteredTopics registered = new RegisteredTopics();
    private final Map<String, LookupPeer> peers = new LinkedHashMap<>();
    private final AtomicReference<List<String>> newAddresses = new AtomicReference<>();
    private final ManyToOneConcurrentLinkedQueue<TopicChannels> answers = new ManyToOneConcurrentLinkedQueue<>();
    private final ChannelsQuery channelsQuery;
    private final byte[] identifyBody;
    private final long pingIntervalNs;
    private final Thread thread;
    private final EventPoller.Handler<OutboundEvent> resultHandler = this::onEngineResult;
    private volatile boolean running = true;
    private boolean engineConnected;
    private long nextPingAt;

    /** A topic's channels from lookupd, waiting for room on the link to the engine. */
    private record TopicChannels(String topic, String[] channels)
    {
    }

    /**
     * @param link   a link of its own to the engine, for the channel lists of held topics
     * @param events the listener given to the engine
     */
    public LookupdRegistration(final LookupdSettings settings, final IoLink link, final RegistrationEvents events, final NanoClock clock)
    {
        this.settings = settings;
        this.link = link;
        this.events = events;
        this.clock = clock;
        this.pingIntervalNs = settings.pingInterval().toNanos();
        this.channelsQuery = new ChannelsQuery(settings.httpConnectTimeout(), settings.httpRequestTimeout());
        this.identifyBody = PeerInfo.identifyBody(settings.broadcastAddress(), settings.hostname(), settings.httpPort(),
            settings.tcpPort(), LookupdSettings.VERSION);
        this.thread = new Thread(this::run, "nsqd-lookupd");
        thread.setDaemon(true);
        events.consumer(thread);
        newAddresses.set(settings.addresses());
    }

    public void start()
    {
        thread.start();
    }

    /** {@code PUT /config/nsqlookupd_tcp_addresses}, from any thread: connect to new lookupds, drop removed ones. */
    public void addresses(final List<String> addresses)
    {
        newAddresses.set(List.copyOf(addresses));
        events.wake();
    }

    /** Closes every lookupd connection and stops the thread (within a second or two: its reads have deadlines). */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        channelsQuery.close();
    }

    private void run()
    {
        nextPingAt = clock.nanoTime() + pingIntervalNs;
        try
        {
            while (running)
            {
                int work;
                try
                {
                    work = doWork(clock.nanoTime());
                }
                catch (final RuntimeException ex)
                {
                    // a bug must not stop registration, nor leave new topics held: log, rest a moment, go on
                    LOG.error("lookupd registration", ex);
                    work = 0;
                }
                if (work == 0 && running)
                {
                    LockSupport.parkNanos(this, parkTime(clock.nanoTime()));
                }
            }
        }
        finally
        {
            for (final LookupPeer peer : peers.values())
            {
                peer.close();
            }
        }
    }

    private int doWork(final long now)
    {
        int work = changeAddresses(now);
        work += takeEvents();
        work += connectDuePeers(now);
        if (now - nextPingAt >= 0)
        {
            nextPingAt = now + pingIntervalNs;
            LOG.debug("LOOKUPD: sending heartbeat");
            sendToConnected("PING");
            work++;
        }
        work += sendAnswers();
        work += link.pollOutbound(resultHandler);
        link.ringEngine();
        return work;
    }

    private long parkTime(final long now)
    {
        long until = Math.min(nextPingAt, now + IDLE_PARK_NS);
        for (final LookupPeer peer : peers.values())
        {
            if (!peer.isConnected())
            {
                until = Math.min(until, peer.retryAt);
            }
        }
        return Math.max(1, until - now);
    }

    // ---------------------------------------------------------------- peers

    /** Upstream's {@code optsNotificationChan} case: keep the peers still listed, close the others, add the new. */
    private int changeAddresses(final long now)
    {
        final List<String> addresses = newAddresses.getAndSet(null);
        if (addresses == null)
        {
            return 0;
        }
        peers.entrySet().removeIf(entry ->
        {
            if (addresses.contains(entry.getKey()))
            {
                return false;
            }
            LOG.info("LOOKUP({}): removing peer", entry.getKey());
            entry.getValue().close();
            return true;
        });
        for (final String address : addresses)
        {
            if (!peers.containsKey(address))
            {
                LOG.info("LOOKUP({}): adding peer", address);
                final LookupPeer peer = new LookupPeer(address, settings.maxBodySize());
                peer.retryAt = now;
                peers.put(address, peer);
            }
        }
        events.queryable(hasHttpAddress());
        return 1;
    }

    private int connectDuePeers(final long now)
    {
        int work = 0;
        for (final LookupPeer peer : peers.values())
        {
            if (!peer.isConnected() && now - peer.retryAt >= 0 && running)
            {
                work++;
                if (connect(peer))
                {
                    peer.failures = 0;
                }
                else
                {
                    peer.failures++;
                    peer.retryAt = clock.nanoTime() + backoffNs(peer.failures);
                }
            }
        }
        return work;
    }

    /** 1 s after the first failed attempt, doubling up to the PING interval (upstream retries at each PING or event). */
    private long backoffNs(final int failures)
    {
        final long first = Math.min(FIRST_RETRY_NS, pingIntervalNs);
        return Math.min(pingIntervalNs, first << Math.min(failures - 1, 20));
    }

    /** Upstream's {@code Connect} and {@code connectCallback}: IDENTIFY, then REGISTER everything. */
    private boolean connect(final LookupPeer peer)
    {
        LOG.info("LOOKUP connecting to {}", peer);
        try
        {
            peer.connect();
            final byte[] reply = peer.identify(identifyBody);
            if (Arrays.equals(reply, "E_INVALID".getBytes(StandardCharsets.US_ASCII)))
            {
                LOG.info("LOOKUPD({}): lookupd returned {}", peer, new String(reply, StandardCharsets.UTF_8));
                peer.close();
                return false;
            }
            try
            {
                peer.info(PeerInfo.parse(reply));
            }
            catch (final IOException ex)
            {
                LOG.error("LOOKUPD({}): parsing response - {}", peer, new String(reply, StandardCharsets.UTF_8));
                peer.close();
                return false;
            }
            LOG.info("LOOKUPD({}): peer info {}", peer, peer.info());
            if (peer.info().broadcastAddress().isEmpty())
            {
                LOG.error("LOOKUPD({}): no broadcast address", peer);
            }
            // before any REGISTER goes out: a topic created after lookupd saw one is held for its channels
            events.queryable(hasHttpAddress());
            for (final String command : registered.registerCommands())
            {
                LOG.info("LOOKUPD({}): {}", peer, command);
                peer.command(command);
            }
            return true;
        }
        catch (final IOException ex)
        {
            LOG.error("LOOKUPD({}): connect - {}", peer, ex.toString());
            peer.close();
            return false;
        }
    }

    /** A command to every connected lookupd; one that fails is closed and reconnected at once, which sends everything again. */
    private void sendToConnected(final String command)
    {
        for (final LookupPeer peer : peers.values())
        {
            // upstream logs each command per lookupd, so an nsqd with none logs nothing
            LOG.info("LOOKUPD({}): {}", peer, command);
            if (!peer.isConnected())
            {
                continue;
            }
            try
            {
                final byte[] reply = peer.command(command);
                if (reply.length >= 2 && reply[0] == 'E' && reply[1] == '_')
                {
                    // lookupd closes after any error: the next command finds it and reconnects
                    LOG.error("LOOKUPD({}): {} - {}", peer, command, new String(reply, StandardCharsets.UTF_8));
                }
            }
            catch (final IOException ex)
            {
                LOG.error("LOOKUPD({}): {} - {}", peer, command, ex.toString());
                peer.close();
                peer.retryAt = clock.nanoTime();
            }
        }
    }

    private boolean hasHttpAddress()
    {
        for (final LookupPeer peer : peers.values())
        {
            if (peer.info() != null && !peer.info().broadcastAddress().isEmpty())
            {
                return true;
            }
        }
        return false;
    }

    /** Upstream's {@code lookupdHTTPAddrs}: every lookupd that told a broadcast address, connected now or not. */
    private List<String> httpAddresses()
    {
        final List<String> addresses = new ArrayList<>();
        for (final LookupPeer peer : peers.values())
        {
            if (peer.info() != null && !peer.info().broadcastAddress().isEmpty())
            {
                addresses.add(peer.info().httpAddress());
            }
        }
        return addresses;
    }

    // ---------------------------------------------------------------- events from the engine

    private int takeEvents()
    {
        int work = 0;
        for (TopologyEvent event = events.poll(); event != null; event = events.poll())
        {
            work++;
            registered.apply(event);
            if (event.type() == TopologyEvent.TOPIC_CREATED)
            {
                onTopicCreated(event);
            }
            sendToConnected(event.command());
        }
        return work;
    }

    private void onTopicCreated(final TopologyEvent event)
    {
        if (event.held())
        {
            final String topic = event.topic();
            channelsQuery.query(topic, httpAddresses()).whenComplete((answer, error) ->
            {
                final List<String> channels = error == null ? answer.channels() : List.of();
                if (error != null || answer.error() != null)
                {
                    LOG.warn("failed to query nsqlookupd for channels to pre-create for topic {} - {}", topic,
                        error != null ? error.toString() : answer.error());
                }
                answers.offer(new TopicChannels(topic, validNames(topic, channels)));
                events.wake();
            });
        }
        else if (!event.restoring() && !peers.isEmpty())
        {
            LOG.error("no available nsqlookupd to query for channels to pre-create for topic {}", event.topic());
        }
    }

    /** Names the engine can make a channel of; upstream takes any, but a name is also a file name here. */
    private static String[] validNames(final String topic, final List<String> channels)
    {
        final List<String> valid = new ArrayList<>();
        for (final String channel : channels)
        {
            if (Names.isValid(channel))
            {
                valid.add(channel);
            }
            else
            {
                LOG.warn("nsqlookupd listed channel name {} for topic {}, which is not valid; not created", channel, topic);
            }
        }
        return valid.toArray(String[]::new);
    }

    // ---------------------------------------------------------------- answers to the engine

    private int sendAnswers()
    {
        int work = 0;
        if (!engineConnected && link.hasCommandCapacity(1))
        {
            link.connect(CONNECTION_ID, "lookupd");
            engineConnected = true;
            work++;
        }
        while (engineConnected && answers.peek() != null && link.hasCommandCapacity(1))
        {
            final TopicChannels answer = answers.poll();
            final long sequence = link.claimCommand();
            final CommandEvent e = link.command(sequence);
            e.type = CommandType.TOPIC_CHANNELS;
            e.connectionId = CONNECTION_ID;
            e.topic = answer.topic();
            e.names = answer.channels();
            link.publishCommand(sequence);
            work++;
        }
        return work;
    }

    private boolean onEngineResult(final OutboundEvent event, final long sequence, final boolean endOfBatch)
    {
        event.clear(); // the engine's OK for each answer: nothing to do
        return true;
    }
}
