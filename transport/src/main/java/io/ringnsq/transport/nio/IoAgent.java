package io.ringnsq.transport.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.time.TimerWheels;
import org.agrona.CloseHelper;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An NIO selector agent: many sockets, one thread, no blocking. Each duty cycle it writes what the
 * engine queued, reads every ready socket and lets its handler decode every whole frame, fires
 * connection timers, and flushes each connection once with everything it gathered. A full command
 * ring stops it reading (TCP pushes back on the client); it never drops a command.
 */
public final class IoAgent implements Agent, EventPoller.Handler<OutboundEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(IoAgent.class);
    private static final int OUTBOUND_BATCH = 4096;
    private static final int READS_PER_SOCKET = 4;
    private static final int ACCEPTS_PER_CYCLE = 64;
    /**
     * How long a listener stops accepting after accept() failed (out of file descriptors, most often): the connection
     * stays in the backlog, and the selector would announce it again on every duty cycle, a busy core and a log line
     * each time, until a descriptor is free.
     */
    static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Room kept in the command ring before reading: control commands (connect, disconnect) never wait long. */
    private static final int COMMAND_HEADROOM = 8;
    /** {@link #awaitWork} only waits: the duty cycle's {@code selectNow} finds the keys still ready (level-triggered). */
    private static final Consumer<SelectionKey> LEAVE_FOR_DUTY_CYCLE = key ->
    {
    };
    private static final long CLOSE_LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long TICK_NANOS = 1L << 20;

    private final int index;
    private final IoLink link;
    private final NanoClock clock;
    private final int inputCapacity;
    private final int outputCapacity;
    private final List<Listener> listeners = new ArrayList<>();
    /** A listener stopped accepting for a while after a failed accept. */
    private boolean acceptsPaused;
    private final OneToOneConcurrentArrayQueue<Handoff> handoffs = new OneToOneConcurrentArrayQueue<>(1024);
    /** Work handed in from other threads (an auth server's answer), run on this agent's thread. */
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final ArrayDeque<Handoff> waitingToRegister = new ArrayDeque<>();
    private final Long2ObjectHashMap<Connection> connections = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Connection> timers = new Long2ObjectHashMap<>();
    private final DeadlineTimerWheel wheel;
    private final ArrayList<Connection> dirty = new ArrayList<>();
    private final ArrayList<Connection> blocked = new ArrayList<>();
    private final ArrayList<Connection> closing = new ArrayList<>();
    /** Connections whose top layer holds decoded input the selector cannot announce (TLS records read ahead). */
    private final ArrayList<Connection> readAgain = new ArrayList<>();
    private final ArrayDeque<Long> pendingDisconnects = new ArrayDeque<>();
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final DeadlineTimerWheel.TimerHandler onTimer = this::onTimer;

    private IoAgent[] peers;
    private int nextPeer;
    /** Opened on the agent's thread at start; volatile for {@link #wakeup()} from other threads. */
    private volatile Selector selector;
    private long connectionCounter;
    private long now;
    private int outboundThisCycle;

    public IoAgent(final int index, final IoLink link, final NanoClock clock, final int inputCapacity, final int outputCapacity)
    {
        this.index = index;
        this.link = link;
        this.clock = clock;
        this.inputCapacity = inputCapacity;
        this.outputCapacity = outputCapacity;
        this.now = clock.nanoTime();
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, now, TICK_NANOS, 1024);
        link.agentBell().wakeBy(this::wakeup);
    }

    /** A listening socket whose connections this agent accepts and spreads over {@code peers}. */
    public void addListener(final ServerSocketChannel server, final ConnectionHandler.Factory factory)
    {
        listeners.add(new Listener(server, factory));
    }

    /** All agents, this one included, that accepted connections are spread over (round-robin). */
    public void peers(final IoAgent[] peers)
    {
        this.peers = peers;
    }

    public IoLink link()
    {
        return link;
    }

    long now()
    {
        return now;
    }

    @Override
    public String roleName()
    {
        return "nsqd-io-" + index;
    }

    @Override
    public void onStart()
    {
        try
        {
            selector = Selector.open();
            for (final Listener listener : listeners)
            {
                listener.server.configureBlocking(false);
                listener.key = listener.server.register(selector, SelectionKey.OP_ACCEPT, listener);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot open the selector", ex);
        }
    }

    @Override
    public int doWork() throws IOException
    {
        now = clock.nanoTime();
        outboundThisCycle = 0;
        int work = link.pollOutbound(this);
        work += registerHandoffs();
        work += runTasks();
        work += sendPendingDisconnects();
        work += resumeBlocked();
        work += readAgain();
        if (link.hasCommandCapacity(COMMAND_HEADROOM))
        {
            work += selector.selectNow(onSelected);
        }
        work += pollTimers();
        work += resumeAccepting();
        work += flushDirty();
        work += lingerClosing();
        link.ringEngine();
        return work;
    }

    @Override
    public void onClose()
    {
        for (final Connection c : connections.values().toArray(new Connection[0]))
        {
            closeSocket(c);
        }
        for (final Listener listener : listeners)
        {
            CloseHelper.quietClose(listener.server);
        }
        Handoff h;
        while ((h = handoffs.poll()) != null)
        {
            CloseHelper.quietClose(h.channel);
        }
        CloseHelper.quietClose(selector);
    }

    // ---------------------------------------------------------------- accepting

    private void onSelected(final SelectionKey key)
    {
        final Object attachment = key.attachment();
        if (attachment instanceof Listener)
        {
            accept((Listener)attachment);
            return;
        }
        final Connection c = (Connection)attachment;
        if (c.closed)
        {
            return;
        }
        try
        {
            if (key.isValid() && key.isWritable())
            {
                flush(c);
            }
            if (!c.closed && key.isValid() && key.isReadable())
            {
                read(c);
            }
        }
        catch (final IOException ex)
        {
            close(c);
        }
    }

    private void accept(final Listener listener)
    {
        for (int i = 0; i < ACCEPTS_PER_CYCLE; i++)
        {
            final SocketChannel channel;
            try
            {
                channel = listener.server.accept();
            }
            catch (final IOException ex)
            {
                // upstream's words; it yields and tries again at once, which spins while descriptors run out
                LOG.warn("temporary Accept() failure - {} (not accepting on {} for {} ms)", ex.toString(), listener.address(),
                    TimeUnit.NANOSECONDS.toMillis(ACCEPT_PAUSE_NANOS));
                listener.key.interestOps(0);
                listener.resumeAt = now + ACCEPT_PAUSE_NANOS;
                acceptsPaused = true;
                return;
            }
            if (channel == null)
            {
                return;
            }
            final IoAgent target = peers == null ? this : peers[nextPeer++ % peers.length];
            final Handoff handoff = new Handoff(channel, listener.factory);
            if (target == this)
            {
                waitingToRegister.addLast(handoff);
            }
            else if (target.handoffs.offer(handoff))
            {
                target.wakeup(); // it may wait in its selector
            }
            else
            {
                waitingToRegister.addLast(handoff); // that agent is swamped: keep it here
            }
        }
    }

    private int registerHandoffs()
    {
        Handoff h;
        while ((h = handoffs.poll()) != null)
        {
            waitingToRegister.addLast(h);
        }
        int work = 0;
        while (!waitingToRegister.isEmpty() && link.hasCommandCapacity(COMMAND_HEADROOM))
        {
            register(waitingToRegister.pollFirst());
            work++;
        }
        return work;
    }

    private void register(final Handoff handoff)
    {
        final SocketChannel channel = handoff.channel;
        final Connection c;
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final InetSocketAddress remote = (InetSocketAddress)channel.getRemoteAddress();
            final String address = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            c = new Connection((++connectionCounter << 6) | index, this, channel, address, inputCapacity, outputCapacity);
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            return;
        }
        connections.put(c.id(), c);
        link.connect(c.id(), c.remoteAddress());
        c.handler = handoff.factory.newHandler(c);
    }

    // ---------------------------------------------------------------- reading

    private void read(final Connection c) throws IOException
    {
        if (c.inputStopped || c.blocked)
        {
            return;
        }
        for (int i = 0; i < READS_PER_SOCKET && !c.closed && !c.inputPaused; i++)
        {
            final int n = c.layer.read(c.input());
            if (n < 0)
            {
                c.endOfStream = true;
                stopInput(c);
            }
            if (n == 0 && c.input().hasRemaining())
            {
                return;
            }
            if (!decode(c) || c.endOfStream)
            {
                return;
            }
        }
        if (!c.closed && c.layer.hasBufferedInput())
        {
            readAgain(c); // decoded input is waiting in a layer: the selector will not say so
        }
    }

    /** Runs {@code task} on this agent's thread in a coming duty cycle; callable from any thread. */
    public void execute(final Runnable task)
    {
        tasks.offer(task);
        wakeup();
    }

    /**
     * For an idle thread whose only outside source of work is this agent's sockets: waits until one of them is ready,
     * {@link #wakeup()} is called (from any thread; one made before the wait ends it at once), or {@code maxMillis}
     * (at least 1) pass. What is ready is left to the next duty cycle. When the command ring lacks room the agent
     * would not read anyway, so it parks a microsecond instead.
     */
    public void awaitWork(final long maxMillis) throws IOException
    {
        if (link.hasCommandCapacity(COMMAND_HEADROOM))
        {
            selector.select(LEAVE_FOR_DUTY_CYCLE, Math.max(1, maxMillis));
        }
        else
        {
            LockSupport.parkNanos(1_000);
        }
    }

    /** Ends an {@link #awaitWork} in progress, or the next one; callable from any thread. */
    public void wakeup()
    {
        final Selector s = selector;
        if (s != null)
        {
            s.wakeup();
        }
    }

    private int runTasks()
    {
        int work = 0;
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                LOG.error("task on {} failed", roleName(), ex);
            }
            work++;
        }
        return work;
    }

    void readAgain(final Connection c)
    {
        if (!c.closed && !readAgain.contains(c))
        {
            readAgain.add(c);
        }
    }

    private int readAgain()
    {
        final int count = readAgain.size();
        for (int i = 0; i < count; i++)
        {
            final Connection c = readAgain.get(0);
            readAgain.remove(0);
            if (!c.closed)
            {
                try
                {
                    read(c);
                }
                catch (final IOException ex)
                {
                    close(c);
                }
            }
        }
        return count;
    }

    /** Runs the handler over the buffered bytes; false when it is blocked on the command ring. */
    private boolean decode(final Connection c)
    {
        final int consumed = c.handler.onInput(c, c.endOfStream);
        if (consumed == ConnectionHandler.BLOCKED)
        {
            if (!c.blocked)
            {
                c.blocked = true;
                blocked.add(c);
                setInterest(c, SelectionKey.OP_READ, false);
            }
            return false;
        }
        c.shrinkInputIfIdle();
        return true;
    }

    private int resumeBlocked()
    {
        int work = 0;
        for (int i = blocked.size() - 1; i >= 0 && link.hasCommandCapacity(COMMAND_HEADROOM); i--)
        {
            final Connection c = blocked.get(i);
            c.blocked = false;
            blocked.remove(i);
            if (c.closed)
            {
                continue;
            }
            work++;
            if (decode(c) && !c.inputStopped && !c.inputPaused)
            {
                setInterest(c, SelectionKey.OP_READ, true);
            }
        }
        return work;
    }

    void resumeInput(final Connection c)
    {
        c.inputPaused = false;
        if (!c.blocked && !c.closed)
        {
            c.blocked = true; // decoded again by resumeBlocked, which also restores OP_READ
            blocked.add(c);
        }
    }

    void pauseInput(final Connection c)
    {
        if (!c.closed)
        {
            c.inputPaused = true;
            setInterest(c, SelectionKey.OP_READ, false);
        }
    }

    private void stopInput(final Connection c)
    {
        c.inputStopped = true;
        setInterest(c, SelectionKey.OP_READ, false);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public boolean onEvent(final OutboundEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            final Connection c = connections.get(event.connectionId);
            if (c != null && !c.closed)
            {
                c.handler.onOutbound(c, event);
                c.markDirty();
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("encoding for connection {} failed", event.connectionId, ex);
        }
        finally
        {
            event.clear();
        }
        return ++outboundThisCycle < OUTBOUND_BATCH;
    }

    void markDirty(final Connection c)
    {
        if (!c.dirty)
        {
            c.dirty = true;
            dirty.add(c);
        }
    }

    private int flushDirty()
    {
        final int count = dirty.size();
        for (int i = 0; i < count; i++)
        {
            final Connection c = dirty.get(i);
            c.dirty = false;
            if (!c.closed)
            {
                flush(c);
            }
        }
        dirty.clear();
        return count;
    }

    void flush(final Connection c)
    {
        final boolean drained;
        try
        {
            drained = c.output().flush(c.layer);
        }
        catch (final IOException ex)
        {
            close(c);
            return;
        }
        if (drained)
        {
            c.writeStalled = false;
            setInterest(c, SelectionKey.OP_WRITE, false);
            if (c.closing)
            {
                close(c);
            }
        }
        else
        {
            if (!c.writeStalled)
            {
                c.writeStalled = true;
                c.writeStalledSince = now;
            }
            setInterest(c, SelectionKey.OP_WRITE, true);
        }
    }

    // ---------------------------------------------------------------- timers

    void scheduleTimer(final Connection c, final long deadline)
    {
        cancelTimer(c);
        c.timerId = wheel.scheduleTimer(deadline);
        timers.put(c.timerId, c);
    }

    void cancelTimer(final Connection c)
    {
        if (c.timerId != Connection.NO_TIMER)
        {
            wheel.cancelTimer(c.timerId);
            timers.remove(c.timerId);
            c.timerId = Connection.NO_TIMER;
        }
    }

    private int pollTimers()
    {
        return TimerWheels.pollDue(wheel, now, onTimer, Integer.MAX_VALUE);
    }

    private boolean onTimer(final TimeUnit unit, final long now, final long timerId)
    {
        final Connection c = timers.remove(timerId);
        if (c != null)
        {
            c.timerId = Connection.NO_TIMER;
            if (!c.closed)
            {
                c.handler.onTimer(c, now);
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- closing

    void closeAfterFlush(final Connection c)
    {
        if (c.closing || c.closed)
        {
            return;
        }
        c.closing = true;
        c.closeDeadline = now + CLOSE_LINGER_NANOS;
        stopInput(c);
        closing.add(c);
        markDirty(c); // the end-of-cycle flush closes it once the output is out
    }

    /** Output that a non-reading client never takes does not keep the socket open for long. */
    private int lingerClosing()
    {
        int work = 0;
        for (int i = closing.size() - 1; i >= 0; i--)
        {
            final Connection c = closing.get(i);
            if (c.closed)
            {
                closing.remove(i);
            }
            else if (now - c.closeDeadline >= 0)
            {
                closing.remove(i);
                close(c);
                work++;
            }
        }
        return work;
    }

    void close(final Connection c)
    {
        if (c.closed)
        {
            return;
        }
        closeSocket(c);
        if (!sendDisconnect(c.id()))
        {
            pendingDisconnects.addLast(c.id());
        }
    }

    private void closeSocket(final Connection c)
    {
        c.closed = true;
        connections.remove(c.id());
        cancelTimer(c);
        if (c.key != null)
        {
            c.key.cancel();
        }
        c.layer.close();
        CloseHelper.quietClose(c.channel);
        c.output().clear();
        if (c.handler != null)
        {
            c.handler.onClosed(c);
        }
    }

    private int sendPendingDisconnects()
    {
        int work = 0;
        while (!pendingDisconnects.isEmpty() && sendDisconnect(pendingDisconnects.peekFirst()))
        {
            pendingDisconnects.pollFirst();
            work++;
        }
        return work;
    }

    private boolean sendDisconnect(final long connectionId)
    {
        if (!link.hasCommandCapacity(1))
        {
            return false;
        }
        final long sequence = link.claimCommand();
        final CommandEvent e = link.command(sequence);
        e.type = CommandType.DISCONNECT;
        e.connectionId = connectionId;
        link.publishCommand(sequence);
        return true;
    }

    private static void setInterest(final Connection c, final int op, final boolean on)
    {
        final SelectionKey key = c.key;
        if (key == null || !key.isValid())
        {
            return;
        }
        try
        {
            final int ops = key.interestOps();
            final int updated = on ? ops | op : ops & ~op;
            if (updated != ops)
            {
                key.interestOps(updated);
            }
        }
        catch (final RuntimeException ex)
        {
            // a key cancelled under us: the connection is closing anyway
        }
    }

    /** Accepting again on the listeners whose pause after a failed accept is over. */
    private int resumeAccepting()
    {
        if (!acceptsPaused)
        {
            return 0;
        }
        int resumed = 0;
        acceptsPaused = false;
        for (final Listener listener : listeners)
        {
            if (listener.resumeAt != Listener.ACCEPTING)
            {
                if (now - listener.resumeAt >= 0)
                {
                    listener.resumeAt = Listener.ACCEPTING;
                    listener.key.interestOps(SelectionKey.OP_ACCEPT);
                    resumed++;
                }
                else
                {
                    acceptsPaused = true;
                }
            }
        }
        return resumed;
    }

    private static final class Listener
    {
        static final long ACCEPTING = Long.MIN_VALUE;

        final ServerSocketChannel server;
        final ConnectionHandler.Factory factory;
        SelectionKey key;
        /** When accepting resumes after a failed accept, or {@link #ACCEPTING}. */
        long resumeAt = ACCEPTING;

        Listener(final ServerSocketChannel server, final ConnectionHandler.Factory factory)
        {
            this.server = server;
            this.factory = factory;
        }

        String address()
        {
            try
            {
                return String.valueOf(server.getLocalAddress());
            }
            catch (final IOException ex)
            {
                return "a closed listener";
            }
        }
    }

    private record Handoff(SocketChannel channel, ConnectionHandler.Factory factory)
    {
    }
}
