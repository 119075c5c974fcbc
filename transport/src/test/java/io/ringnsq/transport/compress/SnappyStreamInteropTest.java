package io.ringnsq.transport.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ringnsq.transport.compress.LayerTesting.NOTHING_PENDING;
import static io.ringnsq.transport.compress.LayerTesting.OK_FRAME;
import static io.ringnsq.transport.compress.LayerTesting.messageFrame;
import static io.ringnsq.transport.compress.LayerTesting.mixedBody;
import static io.ringnsq.transport.compress.LayerTesting.readToEnd;
import static io.ringnsq.transport.compress.LayerTesting.writeAndFlush;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link SnappyLayer} against node's {@code snappystream} 2.x, nsqjs's snappy codec, in both directions:
 * what we send decodes with checksums verified, and what nsqjs sends (one frame per command) decodes here.
 * Skipped when node or nsqjs's node_modules (installed by the interop module) are absent.
 */
class SnappyStreamInteropTest
{
    /** Pipes stdin through snappystream's encoder or decoder to stdout, writing in pieces as nsqjs writes commands. */
    private static final String SCRIPT = """
        const { SnappyStream, UnsnappyStream } = require(process.argv[2]);
        const mode = process.argv[3];
        const pieces = process.argv.slice(4).map(Number);
        const input = require('fs').readFileSync(0);
        const stream = mode === 'encode' ? new SnappyStream() : new UnsnappyStream(true);
        const out = [];
        stream.on('data', (c) => out.push(c));
        stream.on('error', (e) => { process.stderr.write(String(e && e.message)); process.exit(2); });
        stream.on('end', () => process.stdout.write(Buffer.concat(out)));
        let at = 0;
        for (let i = 0; at < input.length; i++) {
          const size = pieces.length ? pieces[i % pieces.length] : input.length;
          stream.write(input.subarray(at, at + size));
          at += size;
        }
        stream.end();
        """;

    private static Path module;

    @TempDir
    Path work;

    @BeforeAll
    static void findNodeAndSnappystream()
    {
        module = findUpwards(Path.of("").toAbsolutePath(), "interop/nsqjs/node_modules/snappystream");
        assumeTrue(module != null, "snappystream is not installed (the interop module installs nsqjs on its first run)");
        assumeTrue(nodeRuns(), "node is not installed");
    }

    @Test
    void shouldWriteWhatSnappystreamDecodesWithChecksumsVerified() throws Exception
    {
        final FakeBelowLayer socket = new FakeBelowLayer();
        final SnappyLayer layer = new SnappyLayer(socket, NOTHING_PENDING);
        final ByteArrayOutputStream plain = new ByteArrayOutputStream();
        writeAndFlush(layer, OK_FRAME);
        plain.writeBytes(OK_FRAME);
        for (int burst = 0; burst < 50; burst++)
        {
            final ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (int i = 0; i < 1 + burst * 7; i++)
            {
                frames.writeBytes(messageFrame(200, burst * 1000L + i));
            }
            writeAndFlush(layer, frames.toByteArray());
            plain.writeBytes(frames.toByteArray());
        }
        final byte[] big = mixedBody(1 << 20, 41);
        writeAndFlush(layer, big);
        plain.writeBytes(big);

        assertArrayEquals(plain.toByteArray(), node("decode", socket.takeWritten()));
    }

    @Test
    void shouldReadWhatSnappystreamEncodesOneFramePerCommandAndSplitsPastSixtyFourKibibytes() throws Exception
    {
        final ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes("IDENTIFY\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 300; i++)
        {
            plain.writeBytes(("PUB t\n" + new String(messageFrame(150, i), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
        }
        plain.writeBytes(mixedBody(200_000, 43));
        final byte[] wire = node("encode", plain.toByteArray(), "9", "186", "4", "200000");

        final FakeBelowLayer socket = new FakeBelowLayer().feedInPieces(wire, 1000).end();
        assertArrayEquals(plain.toByteArray(), readToEnd(new SnappyLayer(socket, NOTHING_PENDING), 16 * 1024));
    }

    private byte[] node(final String mode, final byte[] input, final String... pieces) throws Exception
    {
        final Path script = work.resolve("snappy-pipe.js");
        Files.writeString(script, SCRIPT);
        final String[] command = new String[4 + pieces.length];
        command[0] = "node";
        command[1] = script.toString();
        command[2] = module.toString();
        command[3] = mode;
        System.arraycopy(pieces, 0, command, 4, pieces.length);
        final Process process = new ProcessBuilder(command).redirectError(work.resolve("stderr.txt").toFile()).start();
        final CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(process.getOutputStream(), input));
        final byte[] output;
        try (InputStream out = process.getInputStream())
        {
            output = out.readAllBytes();
        }
        feeding.get(60, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("node did not finish");
        }
        assertEquals(0, process.exitValue(), () -> "node failed: " + readQuietly(work.resolve("stderr.txt")));
        return output;
    }

    private static void feed(final OutputStream stdin, final byte[] input)
    {
        try (OutputStream in = stdin)
        {
            in.write(input);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String readQuietly(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    private static boolean nodeRuns()
    {
        try
        {
            final Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path findUpwards(final Path from, final String relative)
    {
        for (Path dir = from; dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve(relative);
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
