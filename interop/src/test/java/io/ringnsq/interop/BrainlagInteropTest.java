package io.ringnsq.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.brainlag.nsq.NSQConfig;
import com.github.brainlag.nsq.NSQConsumer;
import com.github.brainlag.nsq.NSQMessage;
import com.github.brainlag.nsq.NSQProducer;
import com.github.brainlag.nsq.ServerAddress;
import com.github.brainlag.nsq.lookup.NSQLookup;
import io.netty.channel.nio.NioEventLoopGroup;

import io.ringnsq.interop.support.ChannelBarrier;
import io.ringnsq.interop.support.ChannelLedger;
import io.ringnsq.interop.support.PublishPlan;
import io.ringnsq.interop.support.RunningNsqd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * brainlag JavaNSQClient 1.0.0.RC4 in plain mode (its snappy and deflate are broken against upstream too)
 * against ringnsq's nsqd. It has no DPUB, so PUB and MPUB only. Its consumer sends SUB and RDY without
 * waiting for the OK, hence the {@link ChannelBarrier} before publishing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class BrainlagInteropTest
{
    private static final String TOPIC = "brainlag_interop";
    private static final int MAX_IN_FLIGHT = 200;
    private static final Duration CHANNELS_LIMIT = Duration.ofSeconds(10);
    private static final Duration CONSUME_LIMIT = Duration.ofSeconds(40);

    @Test
    void shouldDeliverEveryMessagePublishedWithPubAndMpubToBothChannelsOnceAndRedeliverRequeuedOnesWithAttemptsTwo()
        throws Exception
    {
        final PublishPlan plan = PublishPlan.create("brainlag", 5_000, 5_000, 0);
        final List<ChannelLedger> ledgers = List.of(new ChannelLedger("alpha", plan), new ChannelLedger("beta", plan));
        final Queue<String> clientErrors = new ConcurrentLinkedQueue<>();
        final List<String> problems = new ArrayList<>();

        // our own event loop and handler pool: the client's defaults are process-wide and never shut down
        final NioEventLoopGroup eventLoop = new NioEventLoopGroup(2);
        final ExecutorService handlers = Executors.newFixedThreadPool(4);
        try (RunningNsqd nsqd = RunningNsqd.start("brainlag"))
        {
            final NSQConfig config = new NSQConfig();
            config.setEventLoopGroup(eventLoop);
            config.setMaxInFlight(MAX_IN_FLIGHT);
            final NSQLookup lookup = new FixedLookup(new ServerAddress(nsqd.host(), nsqd.port()));

            final List<NSQConsumer> consumers = new ArrayList<>();
            final NSQProducer producer = new NSQProducer().addAddress(nsqd.host(), nsqd.port()).setConfig(config);
            try
            {
                for (final ChannelLedger ledger : ledgers)
                {
                    consumers.add(new NSQConsumer(lookup, TOPIC, ledger.channel(), message -> answer(ledger, message), config,
                        error -> clientErrors.add(ledger.channel() + ": " + error.getMessage()))
                        .setExecutor(handlers)
                        .start());
                }
                producer.start();
                ChannelBarrier.awaitEveryChannel(probe -> producer.produce(TOPIC, probe), CHANNELS_LIMIT, ledgers);

                for (final PublishPlan.Entry entry : plan.of(PublishPlan.Method.PUB))
                {
                    producer.produce(TOPIC, entry.bytes());
                }
                for (final List<byte[]> batch : plan.mpubBatches())
                {
                    producer.produceMulti(TOPIC, batch);
                }
                problems.addAll(ChannelLedger.awaitEveryMessage(ledgers, CONSUME_LIMIT));
            }
            finally
            {
                consumers.forEach(NSQConsumer::shutdown);
                producer.shutdown();
            }
        }
        finally
        {
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            handlers.shutdownNow();
        }

        ledgers.forEach(ledger -> System.out.println("[brainlag] " + ledger.summary()));
        ledgers.forEach(ledger -> problems.addAll(ledger.problems()));
        clientErrors.forEach(error -> problems.add("error frame: " + error));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void answer(final ChannelLedger ledger, final NSQMessage message)
    {
        final ChannelLedger.Decision decision = ledger.onDelivery(message.getMessage(), message.getAttempts());
        if (decision.finish())
        {
            message.finished();
        }
        else
        {
            message.requeue(decision.requeueDelayMillis());
        }
    }

    /** Stands in for nsqlookupd: every topic lives on the one nsqd under test. */
    private record FixedLookup(ServerAddress nsqd) implements NSQLookup
    {
        @Override
        public Set<ServerAddress> lookup(final String topic)
        {
            return Set.of(nsqd);
        }

        @Override
        public void addLookupAddress(final String host, final int port)
        {
            throw new UnsupportedOperationException("fixed to " + nsqd);
        }
    }
}
