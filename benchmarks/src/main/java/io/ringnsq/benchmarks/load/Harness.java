package io.ringnsq.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ringnsq.cli.Option;
import io.ringnsq.cli.OptionSet;
import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end load harness, {@code bin/ringnsq-bench <mode> [flags]}: speaks NSQ's TCP protocol to any nsqd
 * (ringnsq's or upstream's) and prints one summary line per run; {@code --json=<file>} writes the same as JSON.
 * <ul>
 *   <li>{@code writer}: bench_writer's load ({@link WriteLoad}): N connections publish MPUB batches for a time;</li>
 *   <li>{@code reader}: bench_reader's load ({@link ReadLoad}): N connections on one channel, RDY R, FIN each,
 *       for a time or until a count;</li>
 *   <li>{@code pubsub}: the writer and the reader at the same time on one topic and channel; the reader then
 *       drains until it has received every acknowledged message (or {@code --drain} runs out);</li>
 *   <li>{@code latency}: publish-to-delivery latency at a fixed rate ({@link LatencyLoad}), HdrHistogram
 *       percentiles from the intended send time (corrected for coordinated omission) and from the write;</li>
 *   <li>{@code limit}: the writer and the reader against a trivial single-threaded NIO endpoint
 *       ({@link RawEndpoint}) started in the same process: what loopback TCP and these tools allow, for quoting
 *       broker figures as a ratio of it.</li>
 * </ul>
 * Every run is bounded in time (and optionally in count), and connects only to loopback addresses unless given
 * {@code --allow-remote}. Exit codes: 0; 1 a failure (refused connection, error frame); 2 a bad command line;
 * 3 a count not reached in time, or a latency run that lost messages.
 */
public final class Harness
{
    static final String PROGRAM = "ringnsq-bench";
    static final int EXIT_FAILED = 1;
    static final int EXIT_INCOMPLETE = 3;
    static final List<String> MODES = List.of("writer", "reader", "pubsub", "latency", "limit");
    private static final List<String> TRANSPORTS = List.of("plain", "tls", "deflate", "snappy", "tls+deflate", "tls+snappy");

    /** What a run prints (one line) and writes as JSON, and the exit code it ends with. */
    record Report(String line, Map<String, Object> json, int exitCode)
    {
    }

    private Harness()
    {
    }

    public static void main(final String[] args)
    {
        int exit;
        try
        {
            final Report report = run(args);
            if (report == null)
            {
                exit = 0;
            }
            else
            {
                System.out.println(report.line());
                exit = report.exitCode();
            }
        }
        catch (final UsageException ex)
        {
            System.err.println(ex.displayText());
            exit = ex.exitCode();
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println(PROGRAM + ": " + ex);
            exit = EXIT_FAILED;
        }
        catch (final InterruptedException ex)
        {
            exit = EXIT_FAILED;
        }
        System.exit(exit);
    }

    /** Runs one mode; null after printing the help it was asked for. Writes {@code --json} when given. */
    static Report run(final String... args) throws UsageException, IOException, InterruptedException
    {
        if (args.length == 0 || List.of("--help", "-help", "-h", "help").contains(args[0]))
        {
            System.out.print(usage());
            return null;
        }
        final String mode = args[0];
        if (!MODES.contains(mode))
        {
            throw UsageException.badFlags(PROGRAM, "unknown mode \"" + mode + "\": one of " + String.join(", ", MODES));
        }
        final Flags flags = new Flags(mode);
        final ParsedOptions parsed = flags.set.parse(List.of(args).subList(1, args.length).toArray(new String[0]));
        if (parsed.helpRequested())
        {
            System.out.print(flags.set.usage());
            return null;
        }
        final Settings settings = new Settings(flags, parsed);
        final Report report = switch (mode)
        {
            case "writer" -> writer(settings);
            case "reader" -> reader(settings);
            case "pubsub" -> pubsub(settings);
            case "latency" -> latency(settings);
            default -> limit(settings);
        };
        if (!settings.json.isEmpty())
        {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(settings.json).toFile(), report.json);
        }
        return report;
    }

    /** Every mode and its flags. */
    static String usage()
    {
        final StringBuilder text = new StringBuilder()
            .append("usage: ").append(PROGRAM).append(" <mode> [flags]   (flags in Go syntax: --runfor=10s, -size 200)\n\n")
            .append("  writer   N connections publish MPUB batches of B messages of S bytes for D (bench_writer)\n")
            .append("  reader   N connections on one channel, RDY R, FIN each, for D or until a count (bench_reader)\n")
            .append("  pubsub   writer and reader at the same time on one channel, then the reader drains the rest:\n")
            .append("           both rates, and whether every acknowledged message was delivered\n")
            .append("  latency  publish at a fixed rate while consuming: publish-to-delivery p50, p99, p99.9, max\n")
            .append("           from the intended send time (corrected for coordinated omission) and from the write\n")
            .append("  limit    writer, then reader, against a trivial one-thread NIO sink and source in this process:\n")
            .append("           the machine's ceiling, to quote broker figures as a ratio of it (same session, same run)\n")
            .append("  jmh      (bin/ringnsq-bench only) the JMH micro-benchmarks: java -jar benchmarks.jar [JMH options]\n\n")
            .append("Each prints one line (MB = 10^6 bytes of message bodies); --json=<file> writes the same as JSON.\n")
            .append("Exit codes: 0; 1 failure; 2 bad flags; 3 a count not reached in time, or messages lost.\n");
        for (final String mode : MODES)
        {
            text.append('\n').append(new Flags(mode).set.usage());
        }
        return text.toString();
    }

    private static Report writer(final Settings s) throws IOException, InterruptedException
    {
        final WriteLoad.Totals totals = WriteLoad.run(s.address, s.transport, s.topic, s.connections, s.window, s.batch,
            s.size, s.count, s.runFor.toNanos());
        final Map<String, Object> json = s.header();
        json.putAll(writerJson(s, totals));
        final boolean complete = s.count <= 0 || totals.messages() >= s.count;
        json.put("complete", complete);
        final String line = String.format(Locale.ROOT, "writer: %s (%s %s, %d connections, %s, window %d%s)%s",
            figures(totals.messages(), totals.bodyBytes(), totals.seconds()), s.addressText, s.topic, s.connections,
            publishShape(s), s.window, transportText(s), shortfall(complete, totals.messages(), s.count, "acknowledged"));
        return new Report(line, json, complete ? 0 : EXIT_INCOMPLETE);
    }

    private static Report reader(final Settings s) throws IOException, InterruptedException
    {
        final ReadLoad.Totals totals = ReadLoad.run(s.address, s.transport, s.topic, s.channel, s.connections, s.rdy, s.count,
            s.runFor.toNanos());
        final Map<String, Object> json = s.header();
        json.putAll(readerJson(s, totals));
        final boolean complete = s.count <= 0 || totals.complete();
        json.put("complete", complete);
        final String line = String.format(Locale.ROOT, "reader: %s (%s %s/%s, %d connections, RDY %d%s)%s",
            figures(totals.messages(), totals.bodyBytes(), totals.seconds()), s.addressText, s.topic, s.channel,
            s.connections, s.rdy, transportText(s), shortfall(complete, totals.messages(), s.count, "received"));
        return new Report(line, json, complete ? 0 : EXIT_INCOMPLETE);
    }

    private static Report pubsub(final Settings s) throws IOException, InterruptedException
    {
        // subscribed before the first publish, so the channel gets every message; the reader's deadline covers the drain
        final ReadLoad reading = new ReadLoad(s.address, s.transport, s.topic, s.channel, s.connections, s.rdy, null);
        reading.start(s.runFor.toNanos() + s.drain.toNanos());
        final WriteLoad.Totals written;
        try
        {
            written = WriteLoad.run(s.address, s.transport, s.topic, s.connections, s.window, s.batch, s.size, s.count,
                s.runFor.toNanos());
        }
        catch (final IOException | RuntimeException | InterruptedException ex)
        {
            reading.target(0); // the reader stops at once
            reading.finish();
            throw ex;
        }
        reading.target(written.messages());
        final ReadLoad.Totals read = reading.finish();
        final Map<String, Object> json = s.header();
        json.put("writer", writerJson(s, written));
        json.put("reader", readerJson(s, read));
        json.put("drain_s", s.drain.toMillis() / 1e3);
        final boolean complete = read.messages() >= written.messages();
        json.put("complete", complete);
        final String line = String.format(Locale.ROOT,
            "pubsub: writer %s; reader %s (%s %s/%s, %d connections each way, %s, window %d, RDY %d%s)%s",
            figures(written.messages(), written.bodyBytes(), written.seconds()),
            figures(read.messages(), read.bodyBytes(), read.seconds()), s.addressText, s.topic, s.channel, s.connections,
            publishShape(s), s.window, s.rdy, transportText(s), complete ? "; every acknowledged message delivered"
                : String.format(Locale.ROOT, "; INCOMPLETE: %d of %d acknowledged delivered within --drain %s",
                    read.messages(), written.messages(), text(s.drain)));
        return new Report(line, json, complete ? 0 : EXIT_INCOMPLETE);
    }

    private static Report latency(final Settings s) throws IOException, InterruptedException
    {
        final LatencyLoad.Result r;
        final String target;
        final StallMeter stalls = StallMeter.start();
        try
        {
            if (s.relay)
            {
                try (RawEndpoint relay = RawEndpoint.startRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                {
                    target = "one-thread relay on " + relay.address().getAddress().getHostAddress() + ":" + relay.address().getPort();
                    r = runLatency(s, relay.address(), "plain");
                }
            }
            else
            {
                target = s.addressText;
                r = runLatency(s, s.address, s.transport);
            }
        }
        finally
        {
            stalls.close();
        }
        final Map<String, Object> json = s.header();
        json.put("relay", s.relay);
        json.put("one_thread", s.oneThread);
        json.put("rate", s.rate);
        json.put("size", s.size);
        json.put("rdy", s.rdy);
        json.put("pacing", s.pacing);
        json.put("warmup_s", s.warmup.toMillis() / 1e3);
        json.put("runfor_s", s.runFor.toMillis() / 1e3);
        json.put("published", r.published());
        json.put("acknowledged", r.acknowledged());
        json.put("received", r.received());
        json.put("measured", r.measured());
        json.put("seconds", round(r.publishSeconds(), 3));
        json.put("msg_per_s", Math.round(r.published() / r.publishSeconds()));
        json.put("mb_per_s", round(r.published() * s.size / 1e6 / r.publishSeconds(), 2));
        final Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("from_intended", percentiles(r.fromIntended()));
        latency.put("from_write", percentiles(r.fromWrite()));
        json.put("latency_us", latency);
        json.put("machine_stalls", stalls.json());
        final boolean complete = r.received() >= r.published() && r.acknowledged() >= r.published()
            && r.fromIntended().getTotalCount() == r.measured();
        json.put("complete", complete);
        final String line = String.format(Locale.ROOT,
            "latency: %s from intended send (from write: %s); %d msgs at %d msg/s in %.2f s = %.0f msg/s, %.1f MB/s "
                + "(%s %s/%s, 1 publisher, %d consumer%s, RDY %d, %d B, %s pacing, %s warm-up not recorded%s; %s)%s",
            percentileText(r.fromIntended()), percentileText(r.fromWrite()), r.published(), s.rate, r.publishSeconds(),
            r.published() / r.publishSeconds(), r.published() * s.size / 1e6 / r.publishSeconds(), target, s.topic,
            s.channel, s.connections, s.connections == 1 ? "" : "s", s.rdy, s.size, s.oneThread ? "one busy-polling thread, spin" : s.pacing,
            text(s.warmup), transportText(s), stalls.text(),
            complete ? "" : String.format(Locale.ROOT, "; INCOMPLETE: %d published, %d acknowledged, %d received, %d of %d measured",
                r.published(), r.acknowledged(), r.received(), r.fromIntended().getTotalCount(), r.measured()));
        return new Report(line, json, complete ? 0 : EXIT_INCOMPLETE);
    }

    private static LatencyLoad.Result runLatency(final Settings s, final InetSocketAddress address, final String transport)
        throws IOException, InterruptedException
    {
        return s.oneThread
            ? OneThreadLatency.run(address, s.topic, s.channel, s.rdy, s.rate, s.size, s.warmup.toNanos(), s.runFor.toNanos())
            : LatencyLoad.run(address, transport, s.topic, s.channel, s.connections, s.rdy, s.rate, s.size, s.warmup.toNanos(),
                s.runFor.toNanos(), "spin".equals(s.pacing));
    }

    private static Report limit(final Settings s) throws IOException, InterruptedException
    {
        try (RawEndpoint endpoint = RawEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), s.size))
        {
            final InetSocketAddress address = endpoint.address();
            final WriteLoad.Totals written = WriteLoad.run(address, "plain", s.topic, s.connections, s.window, s.batch, s.size,
                s.count, s.runFor.toNanos());
            final ReadLoad.Totals read = ReadLoad.run(address, "plain", s.topic, s.channel, s.connections, s.rdy, s.count,
                s.runFor.toNanos());
            final Map<String, Object> json = s.header();
            json.put("address", address.getAddress().getHostAddress() + ":" + address.getPort());
            json.put("writer", writerJson(s, written));
            json.put("reader", readerJson(s, read));
            final Map<String, Object> counted = new LinkedHashMap<>();
            counted.put("messages_in", endpoint.messagesIn());
            counted.put("messages_out", endpoint.messagesOut());
            counted.put("finished", endpoint.finished());
            json.put("endpoint", counted);
            final String line = String.format(Locale.ROOT,
                "limit: writer %s; reader %s (one-thread NIO sink and source on %s:%d; %d connections each, %s, window %d, RDY %d)",
                figures(written.messages(), written.bodyBytes(), written.seconds()),
                figures(read.messages(), read.bodyBytes(), read.seconds()), address.getAddress().getHostAddress(),
                address.getPort(), s.connections, publishShape(s), s.window, s.rdy);
            return new Report(line, json, 0);
        }
    }

    private static Map<String, Object> writerJson(final Settings s, final WriteLoad.Totals totals)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", s.size);
        json.put("batch_size", s.batch);
        json.put("window", s.window);
        return withRates(json, s, totals.messages(), totals.bodyBytes(), totals.seconds());
    }

    private static Map<String, Object> readerJson(final Settings s, final ReadLoad.Totals totals)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel", s.channel);
        json.put("rdy", s.rdy);
        return withRates(json, s, totals.messages(), totals.bodyBytes(), totals.seconds());
    }

    /** {@code json} with the limits of the run and its figures. */
    private static Map<String, Object> withRates(final Map<String, Object> json, final Settings s, final long messages,
        final long bodyBytes, final double seconds)
    {
        json.put("count", s.count);
        json.put("runfor_s", s.runFor.toMillis() / 1e3);
        json.put("messages", messages);
        json.put("seconds", round(seconds, 3));
        json.put("msg_per_s", Math.round(messages / seconds));
        json.put("mb_per_s", round(bodyBytes / 1e6 / seconds, 2));
        return json;
    }

    /** {@code N msgs in T s = X msg/s, Y MB/s}: the figures of a writer or a reader. */
    private static String figures(final long messages, final long bodyBytes, final double seconds)
    {
        return String.format(Locale.ROOT, "%d msgs in %.2f s %s", messages, seconds, V2Wire.rates(messages, bodyBytes, seconds));
    }

    private static String publishShape(final Settings s)
    {
        return s.batch == 1 ? "PUB of " + s.size + " B" : "MPUB " + s.batch + " x " + s.size + " B";
    }

    private static String transportText(final Settings s)
    {
        return "plain".equals(s.transport) ? "" : ", " + s.transport;
    }

    private static String shortfall(final boolean complete, final long messages, final long count, final String what)
    {
        return complete ? "" : String.format(Locale.ROOT, "; time limit: %d of %d %s", messages, count, what);
    }

    private static Map<String, Object> percentiles(final Histogram h)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", h.getTotalCount());
        json.put("p50", micros(h.getValueAtPercentile(50)));
        json.put("p90", micros(h.getValueAtPercentile(90)));
        json.put("p99", micros(h.getValueAtPercentile(99)));
        json.put("p99_9", micros(h.getValueAtPercentile(99.9)));
        json.put("p99_99", micros(h.getValueAtPercentile(99.99)));
        json.put("max", micros(h.getMaxValue()));
        json.put("mean", round(h.getMean() / 1e3, 1));
        return json;
    }

    private static String percentileText(final Histogram h)
    {
        return String.format(Locale.ROOT, "p50 %s us, p99 %s us, p99.9 %s us, max %s us", micros(h.getValueAtPercentile(50)),
            micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
    }

    private static double micros(final long nanos)
    {
        return round(nanos / 1e3, 1);
    }

    private static double round(final double value, final int decimals)
    {
        final double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
    }

    private static String text(final Duration d)
    {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The flags of one mode, in Go's flag syntax. */
    private static final class Flags
    {
        final OptionSet set;
        final String mode;
        final Option<String> address;
        final Option<Boolean> allowRemote;
        final Option<String> transport;
        final Option<String> topic;
        final Option<String> channel;
        final Option<Long> connections;
        final Option<Long> size;
        final Option<Long> batch;
        final Option<Long> window;
        final Option<Long> rdy;
        final Option<Long> count;
        final Option<Duration> runFor;
        final Option<Long> rate;
        final Option<Duration> warmup;
        final Option<String> pacing;
        final Option<Duration> drain;
        final Option<Boolean> relay;
        final Option<Boolean> oneThread;
        final Option<String> json;

        Flags(final String mode)
        {
            this.mode = mode;
            set = new OptionSet(PROGRAM + " " + mode);
            final boolean writes = !mode.equals("reader");
            final boolean reads = !mode.equals("writer");
            final boolean broker = !mode.equals("limit");
            final boolean latency = mode.equals("latency");
            final boolean pubsub = mode.equals("pubsub");
            address = broker ? set.string("nsqd-tcp-address", "127.0.0.1:4150", "<addr>:<port> of the nsqd to load") : null;
            allowRemote = broker ? set.bool("allow-remote", false, "allow an address that is not this machine's loopback") : null;
            transport = broker ? set.choice("transport", "plain", TRANSPORTS,
                "connection features negotiated with IDENTIFY: " + String.join(", ", TRANSPORTS)) : null;
            topic = set.string("topic", latency ? "latency_bench" : pubsub ? "pubsub_bench" : "sub_bench", mode.equals("limit")
                ? "topic named in the commands (the endpoint ignores it)" : pubsub
                ? "topic to publish to and receive from (empty at the start: the reader counts what arrives)"
                : "topic to publish to / receive from");
            channel = reads ? set.string("channel", "ch", "channel to receive messages on") : null;
            connections = set.int64("connections", latency ? 1 : Runtime.getRuntime().availableProcessors(), latency
                ? "consumer connections (one connection publishes)"
                : "connections (default: one per core, as bench_writer and bench_reader)" + (mode.equals("limit") ? ", each way" : ""));
            size = writes ? set.int64("size", 200, "message body size in bytes" + (latency ? " (at least "
                + LatencyLoad.STAMP + ": the body carries the timestamps)" : "")) : null;
            batch = writes && !latency ? set.int64("batch-size", 200, "messages per MPUB (1: PUB)") : null;
            window = writes && !latency ? set.int64("window", 1,
                "commands per connection awaiting their OK (bench_writer: 1)") : null;
            rdy = reads ? set.int64("rdy", 2500, "RDY count of each consumer connection") : null;
            count = latency ? null : set.int64("count", 0, mode.equals("writer") || pubsub
                ? "stop once this many messages are acknowledged (0: run for --runfor)"
                : "stop once this many messages in all are " + (mode.equals("reader") ? "received" : "acknowledged / received")
                + " (0: run for --runfor, which stays the limit)");
            runFor = set.duration("runfor", Duration.ofSeconds(10), latency
                ? "duration of the measured publishing, after --warmup"
                : "duration of time to run" + (mode.equals("limit") ? ", writer and reader each" : "")
                + (mode.equals("writer") ? "" : " (the time limit with --count)"));
            rate = latency ? set.int64("rate", 50_000, "messages per second, each sent at its intended time") : null;
            warmup = latency ? set.duration("warmup", Duration.ofSeconds(2),
                "publishing at --rate before the measured part (consumed, not recorded)") : null;
            pacing = latency ? set.choice("pacing", "park", List.of("park", "spin"),
                "how the publisher waits for a message's time: park (the OS wakes it tens of us late; it then sends "
                    + "what is due) or spin (a core busy)") : null;
            relay = latency ? set.bool("relay", false, "measure through a trivial one-thread relay in this process instead "
                + "of an nsqd: the floor of this machine and these tools, to quote the broker's figures against") : null;
            oneThread = latency ? set.bool("one-thread", false, "publish and consume on one thread that busy-polls both "
                + "connections (plain TCP, one consumer; it takes a core): no hand-offs between the harness's own threads") : null;
            drain = pubsub ? set.duration("drain", Duration.ofSeconds(60),
                "after the writer stops, how long the reader may take to receive the rest") : null;
            json = set.string("json", "", "also write the results as JSON to this `file`");
        }
    }

    /** One run's flag values, checked. */
    private static final class Settings
    {
        final String mode;
        final String addressText;
        /** Null in limit mode: its own endpoint's. */
        final InetSocketAddress address;
        final String transport;
        final String topic;
        final String channel;
        final int connections;
        final int size;
        final int batch;
        final int window;
        final int rdy;
        final long count;
        final Duration runFor;
        final long rate;
        final Duration warmup;
        final String pacing;
        final Duration drain;
        final boolean relay;
        final boolean oneThread;
        final String json;

        Settings(final Flags f, final ParsedOptions p) throws UsageException
        {
            mode = f.mode;
            addressText = f.address == null ? "" : p.get(f.address);
            address = f.address == null ? null : resolve(f, addressText, p.get(f.allowRemote));
            transport = f.transport == null ? "plain" : p.get(f.transport);
            topic = p.get(f.topic);
            channel = f.channel == null ? "" : p.get(f.channel);
            connections = (int)atLeast(f, p, f.connections, 1);
            size = f.size == null ? 0 : (int)atLeast(f, p, f.size, f.rate != null ? LatencyLoad.STAMP : 0);
            batch = f.batch == null ? 1 : (int)atLeast(f, p, f.batch, 1);
            window = f.window == null ? 1 : (int)atLeast(f, p, f.window, 1);
            rdy = f.rdy == null ? 0 : (int)atLeast(f, p, f.rdy, 1);
            count = f.count == null ? 0 : atLeast(f, p, f.count, 0);
            runFor = p.get(f.runFor);
            rate = f.rate == null ? 0 : atLeast(f, p, f.rate, 1);
            warmup = f.warmup == null ? Duration.ZERO : p.get(f.warmup);
            pacing = f.pacing == null ? "" : p.get(f.pacing);
            drain = f.drain == null ? Duration.ZERO : p.get(f.drain);
            relay = f.relay != null && p.get(f.relay);
            oneThread = f.oneThread != null && p.get(f.oneThread);
            if (oneThread && (connections != 1 || !"plain".equals(transport)))
            {
                throw UsageException.badFlags(f.set.programName(), "-one-thread takes one consumer connection and plain TCP");
            }
            json = p.get(f.json);
            if (runFor.isNegative() || runFor.isZero() || warmup.isNegative() || drain.isNegative())
            {
                throw UsageException.badFlags(f.set.programName(), "-runfor must be more than 0, -warmup and -drain not negative");
            }
        }

        private static long atLeast(final Flags f, final ParsedOptions p, final Option<Long> option, final long least)
            throws UsageException
        {
            final long value = p.get(option);
            if (value < least || (value > Integer.MAX_VALUE && option != f.count))
            {
                throw UsageException.badFlags(f.set.programName(), "invalid value \"" + value + "\" for flag -" + option.name()
                    + ": must be at least " + least + (value > Integer.MAX_VALUE ? " and at most " + Integer.MAX_VALUE : ""));
            }
            return value;
        }

        private static InetSocketAddress resolve(final Flags f, final String hostPort, final boolean allowRemote)
            throws UsageException
        {
            try
            {
                return V2Wire.address(hostPort, allowRemote);
            }
            catch (final IOException | IllegalArgumentException ex)
            {
                throw UsageException.badFlags(f.set.programName(), "invalid value \"" + hostPort
                    + "\" for flag -nsqd-tcp-address: " + ex.getMessage());
            }
        }

        /** The fields every mode's JSON starts with. */
        Map<String, Object> header()
        {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("mode", mode);
            json.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            json.put("cores", Runtime.getRuntime().availableProcessors());
            json.put("java", System.getProperty("java.version"));
            if (!addressText.isEmpty())
            {
                json.put("address", addressText);
                json.put("transport", transport);
            }
            json.put("topic", topic);
            if (!channel.isEmpty() && !mode.equals("limit"))
            {
                json.put("channel", channel);
            }
            json.put("connections", connections);
            return json;
        }
    }
}
