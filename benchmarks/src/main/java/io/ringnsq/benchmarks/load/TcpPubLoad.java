package io.ringnsq.benchmarks.load;

import java.net.InetSocketAddress;

/**
 * A TCP publishing load ({@link WriteLoad}) with positional arguments, for scripts (benchmarks/disk-load.sh):
 * {@code connections} sockets, each publishing {@code size}-byte messages with at most {@code window} commands
 * awaiting their OK, for {@code seconds}; prints one line with messages and MB (of bodies) per second. With window 1
 * it has the shape of {@code wrk -c N} against HTTP /pub (one request in flight per connection), so the two are
 * comparable. Loopback only. {@code bin/ringnsq-bench writer} is the same load with bench_writer's flags.
 *
 * <p>Options: {@code --batch=N} publishes with MPUB, N messages a command (default 1: PUB); {@code --count=N}
 * stops after N messages in all are acknowledged ({@code seconds} is then a limit, and the exit code is 3 when
 * it cut the run short); {@code --topic=T} (default {@code load}).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.ringnsq.benchmarks.load.TcpPubLoad 127.0.0.1:4150 32 1 200 10}
 * <br>{@code ... TcpPubLoad 127.0.0.1:4150 2 4 200 120 --batch=200 --count=2000000}
 */
public final class TcpPubLoad
{
    private TcpPubLoad()
    {
    }

    public static void main(final String[] arguments) throws Exception
    {
        final V2Wire.Args args = new V2Wire.Args(arguments,
            "TcpPubLoad <host:port> <connections> <window> <size> <seconds>", "[--batch=N] [--count=N] [--topic=T]");
        final InetSocketAddress address = args.address();
        final String mode = args.mode();
        final int connections = (int)args.number(1);
        final int window = (int)args.number(2);
        final int size = (int)args.number(3);
        final long seconds = args.number(4);
        final int batch = (int)args.option("batch", 1);
        final long count = args.option("count", 0);
        final String topic = args.option("topic", "load");

        final WriteLoad.Totals totals = WriteLoad.run(address, mode, topic, connections, window, batch, size, count,
            seconds * 1_000_000_000L);
        System.out.printf("tcp %s %s: %d connections, window %d, %d B: %d acknowledged in %.2f s %s%n",
            batch == 1 ? "PUB" : "MPUB×" + batch, mode, connections, window, size, totals.messages(), totals.seconds(),
            V2Wire.rates(totals.messages(), totals.bodyBytes(), totals.seconds()));
        if (count > 0 && totals.messages() < count)
        {
            System.out.printf("time limit: %d of %d messages acknowledged%n", totals.messages(), count);
            System.exit(3);
        }
    }
}
