package io.ringnsq.transport.nsqd;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ringnsq.cli.UsageException;

/**
 * Exercises the start-up path and one publish/consume round trip on loopback, so that
 * {@code bin/lib/launcher.sh} can record the classes it loads in a class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}); later starts map them instead of loading them, and answer
 * sooner. Not part of nsqd itself.
 */
public final class StartupTraining
{
    private StartupTraining()
    {
    }

    public static void main(final String[] args) throws IOException, UsageException
    {
        final Path dataPath = Files.createTempDirectory("ringnsq-training");
        final NsqdOptions options = NsqdOptions.declare();
        final NsqdContext context = options.toContext(
            options.parse("--tcp-address=127.0.0.1:0", "--http-address=127.0.0.1:0", "--data-path=" + dataPath)).conclude();
        try (Nsqd nsqd = Nsqd.start(context); Socket socket = new Socket("127.0.0.1", nsqd.tcpAddress().getPort()))
        {
            socket.setSoTimeout(5000);
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] identify = "{\"feature_negotiation\":true,\"client_id\":\"training\"}".getBytes(StandardCharsets.UTF_8);
            out.write("  V2IDENTIFY\n".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(identify.length);
            out.write(identify);
            out.write("PUB training\n".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(1);
            out.write('x');
            out.write("SUB training c\nRDY 1\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int frames = 0; frames < 4; frames++)
            {
                final int size = in.readInt();
                final int type = in.readInt();
                final byte[] data = new byte[size - 4];
                in.readFully(data);
                if (type == 2)
                {
                    out.write(("FIN " + new String(data, 10, 16, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        }
        finally
        {
            try (var files = Files.list(dataPath))
            {
                for (final Path p : (Iterable<Path>)files::iterator)
                {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dataPath);
        }
    }
}
