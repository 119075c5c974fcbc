package io.ringnsq.lookup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.ringnsq.core.time.ManualClock;

/** An in-process lookupd on 127.0.0.1, ports chosen by the OS, its registry on a manual wall clock. */
final class LookupdFixture implements AutoCloseable
{
    final ManualClock clock = new ManualClock();
    final Lookupd lookupd;

    LookupdFixture()
    {
        this(new LookupdContext());
    }

    LookupdFixture(final LookupdContext context)
    {
        try
        {
            lookupd = Lookupd.start(context
                .tcpAddress("127.0.0.1:0")
                .httpAddress("127.0.0.1:0")
                .broadcastAddress("lookupd.test")
                .epochClock(clock.asEpochClock()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    int tcpPort()
    {
        return lookupd.tcpAddress().getPort();
    }

    int httpPort()
    {
        return lookupd.httpAddress().getPort();
    }

    HttpClient.Response get(final String target)
    {
        return HttpClient.get(httpPort(), target);
    }

    HttpClient.Response post(final String target)
    {
        return HttpClient.post(httpPort(), target);
    }

    void advance(final Duration duration)
    {
        clock.advance(duration);
    }

    @Override
    public void close()
    {
        lookupd.close();
    }
}
