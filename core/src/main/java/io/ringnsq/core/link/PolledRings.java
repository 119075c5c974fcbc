package io.ringnsq.core.link;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.WaitStrategy;

/**
 * The wait strategy of every ring in ringnsq. No thread ever waits on a ring: each is read through an
 * {@code EventPoller} from an agent's duty cycle. Disruptor's default, {@code BlockingWaitStrategy}, still takes a lock
 * and notifies on every publish for waiters that never exist; this strategy's signal does nothing (its wait, a busy
 * spin, is never called).
 */
public final class PolledRings
{
    public static final WaitStrategy WAIT_STRATEGY = new BusySpinWaitStrategy();

    private PolledRings()
    {
    }
}
