package io.ringnsq.transport.log;

import java.io.IOException;
import java.io.PrintStream;

/** Where formatted log lines go: stderr (upstream's only choice) or a {@link RotatingLogFile}. */
interface LogSink extends AutoCloseable
{
    /** Writes one whole line; called with the appender's lock held. */
    void write(byte[] line) throws IOException;

    @Override
    void close();

    /** A short name for error reports: {@code stderr} or the file's path. */
    String describe();

    /** Upstream's destination. Looks {@link System#err} up on every line, so a redirected stderr is followed. */
    LogSink STDERR = new LogSink()
    {
        @Override
        public void write(final byte[] line)
        {
            final PrintStream err = System.err;
            err.write(line, 0, line.length);
            err.flush();
        }

        @Override
        public void close()
        {
            // stderr belongs to the process
        }

        @Override
        public String describe()
        {
            return "stderr";
        }
    };
}
