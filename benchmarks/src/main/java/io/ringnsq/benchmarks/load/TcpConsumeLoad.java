package io.ringnsq.benchmarks.load;

import java.net.InetSocketAddress;

/**
 * A TCP consuming load ({@link ReadLoad}) with positional arguments, for scripts (benchmarks/disk-load.sh):
 * {@code connections} sockets SUB to one topic and channel with RDY {@code rdy}, and FIN every message. Stops once
 * {@code count} messages in all have arrived, or after {@code seconds} (exit code 3 then); prints one line with
 * messages and MB (of bodies) per second, timed from the moment every connection has subscribed to the message that
 * completed the count. Loopback only. {@code bin/ringnsq-bench reader} is the same load with bench_reader's flags.
 *
 * <p>Options: {@code --topic=T}, {@code --channel=C} (default {@code load} for both); {@code --clock=first} times
 * from the first message instead (for consuming while a publisher that starts later runs).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.ringnsq.benchmarks.load.TcpConsumeLoad 127.0.0.1:4150 2 2500 2000000 120}
 */
public final class TcpConsumeLoad
{
    private TcpConsumeLoad()
    {
    }

    public static void main(final String[] arguments) throws Exception
    {
        final V2Wire.Args args = new V2Wire.Args(arguments, "TcpConsumeLoad <host:port> <connections> <rdy> <count> <seconds>",
            "[--topic=T] [--channel=C] [--clock=connect|first]");
        final InetSocketAddress address = args.address();
        final String mode = args.mode();
        final int connections = (int)args.number(1);
        final int rdy = (int)args.number(2);
        final long count = args.number(3);
        final long seconds = args.number(4);

        final ReadLoad.Totals totals = ReadLoad.run(address, mode, args.option("topic", "load"),
            args.option("channel", "load"), connections, rdy, count, seconds * 1_000_000_000L);
        final long total = totals.messages();
        final double elapsed = "first".equals(args.option("clock", "connect")) && totals.firstAt() != 0
            ? totals.seconds() - (totals.firstAt() - totals.startedAt()) / 1e9
            : totals.seconds();
        System.out.printf("tcp SUB %s: %d connections, RDY %d: %d messages in %.2f s %s%n",
            mode, connections, rdy, total, elapsed, V2Wire.rates(total, totals.bodyBytes(), elapsed));
        if (total < count)
        {
            System.out.printf("time limit: %d of %d messages received%n", total, count);
            System.exit(3);
        }
    }
}
