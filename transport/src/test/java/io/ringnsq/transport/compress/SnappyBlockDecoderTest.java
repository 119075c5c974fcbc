package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import static io.ringnsq.transport.compress.LayerTesting.messageFrame;
import static io.ringnsq.transport.compress.LayerTesting.mixedBody;
import static io.ringnsq.transport.compress.LayerTesting.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SnappyBlockDecoder} decodes what snappy-java (the C++ library) and aircompressor encode, rejects
 * every malformation the format allows, and agrees with aircompressor's decoder on thousands of
 * corrupted blocks: same output when both accept, and never an exception other than IOException.
 */
class SnappyBlockDecoderTest
{
    private static final int CAPACITY = 65_536;

    @Test
    void shouldDecodeWhatSnappyJavaAndAircompressorEncode() throws IOException
    {
        final byte[][] inputs = {
            new byte[0],
            {42},
            "hello".getBytes(StandardCharsets.US_ASCII),
            messageFrame(200, 1),
            mixedBody(65_536, 2),
            randomBytes(65_536, 3),
            new byte[65_536],
            repeat("abcdefghijklmnopqrstuvwxyz0123456789", 65_536),
            repeat("ab", 1000),
        };
        for (final byte[] input : inputs)
        {
            assertArrayEquals(input, decode(Snappy.compress(input)), "snappy-java, " + input.length + " bytes");
            assertArrayEquals(input, decode(aircompress(input)), "aircompressor, " + input.length + " bytes");
        }
    }

    @Test
    void shouldDecodeOverlappingCopiesAndEveryCopyForm() throws IOException
    {
        // "a", then copy-1 of 11 at distance 1, copy-2 of 8 at distance 4, copy-4 of 4 at distance 20
        final byte[] block = {24, 0x00, 'a', 0x1d, 0x01, (byte)((8 - 1) << 2 | 2), 4, 0, (byte)((4 - 1) << 2 | 3), 20, 0, 0, 0};
        assertArrayEquals(repeat("a", 24), decode(block));
        // a literal whose length takes one extra byte (tag 60): 61 bytes
        final byte[] literal61 = new byte[2 + 1 + 61];
        literal61[0] = 61;
        literal61[1] = (byte)(60 << 2);
        literal61[2] = 60;
        assertArrayEquals(new byte[61], decode(literal61));
    }

    @Test
    void shouldRejectMalformedBlocks()
    {
        assertCorrupt(new byte[0]);                                       // no length
        assertCorrupt(new byte[] {(byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, 1}); // varint too long
        assertCorrupt(new byte[] {(byte)0x81, (byte)0x80, 0x04});         // 65,537 bytes: more than a block
        assertCorrupt(new byte[] {5, 0x10, 'a', 'b'});                    // literal cut short
        assertCorrupt(new byte[] {2, 0x10, 'a', 'b', 'c', 'd', 'e'});     // literal beyond the declared length
        assertCorrupt(new byte[] {5, 0x00, 'a', 0x01, 0x00});             // copy at distance 0
        assertCorrupt(new byte[] {9, 0x00, 'a', 0x01, 0x02});             // copy from before the start
        assertCorrupt(new byte[] {5, 0x00, 'a', 0x01});                   // copy-1 cut short
        assertCorrupt(new byte[] {5, 0x00, 'a', 0x0e, 0x01});             // copy-2 cut short
        assertCorrupt(new byte[] {5, 0x00, 'a', 0x0f, 0x01, 0, 0});       // copy-4 cut short
        assertCorrupt(new byte[] {3, 0x00, 'a'});                         // fewer bytes than declared
        assertCorrupt(new byte[] {1, 0x00, 'a', 0x00, 'b'});              // more bytes than declared
        assertCorrupt(new byte[] {1, (byte)(63 << 2), (byte)0xff, (byte)0xff, (byte)0xff, (byte)0xff}); // 4 GiB literal
    }

    @Test
    void shouldAgreeWithAircompressorOnCorruptedBlocks()
    {
        final SplittableRandom random = new SplittableRandom(47);
        final SnappyDecompressor reference = new SnappyDecompressor();
        final byte[] referenceOut = new byte[CAPACITY];
        int bothAccepted = 0;
        int bothRejected = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] plain = i % 3 == 0 ? messageFrame(50 + random.nextInt(2000), i) : mixedBody(100 + random.nextInt(5000), i);
            final byte[] block = mutate(snappyCompress(plain), random);

            byte[] ours;
            try
            {
                ours = decode(block);
            }
            catch (final IOException ex)
            {
                ours = null;
            }
            byte[] theirs;
            try
            {
                final int n = reference.decompress(block, 0, block.length, referenceOut, 0, CAPACITY);
                theirs = Arrays.copyOf(referenceOut, n);
            }
            catch (final RuntimeException ex)
            {
                theirs = null;
            }
            if (ours != null && theirs != null)
            {
                assertArrayEquals(theirs, ours, "block " + i);
                bothAccepted++;
            }
            else
            {
                assertEquals(theirs == null, ours == null,
                    "block " + i + " accepted by " + (ours == null ? "aircompressor" : "us") + " only: " + hexOf(block));
                bothRejected++;
            }
        }
        assertTrue(bothAccepted > 4000 && bothRejected > 4000, bothAccepted + " accepted, " + bothRejected + " rejected");
    }

    private static byte[] mutate(final byte[] block, final SplittableRandom random)
    {
        final byte[] copy = block.clone();
        switch (random.nextInt(4))
        {
            case 0:
                copy[random.nextInt(copy.length)] ^= (byte)(1 << random.nextInt(8));
                return copy;
            case 1:
                copy[random.nextInt(copy.length)] = (byte)random.nextInt(256);
                return copy;
            case 2:
                return Arrays.copyOf(copy, random.nextInt(copy.length));
            default:
                return copy; // some stay valid
        }
    }

    private static byte[] decode(final byte[] block) throws IOException
    {
        final byte[] out = new byte[CAPACITY];
        final int n = SnappyBlockDecoder.decode(block, 0, block.length, out, CAPACITY);
        return Arrays.copyOf(out, n);
    }

    private static void assertCorrupt(final byte[] block)
    {
        assertThrows(IOException.class, () -> decode(block), hexOf(block));
    }

    private static byte[] aircompress(final byte[] input)
    {
        final SnappyCompressor compressor = new SnappyCompressor();
        final byte[] out = new byte[compressor.maxCompressedLength(input.length)];
        return Arrays.copyOf(out, compressor.compress(input, 0, input.length, out, 0, out.length));
    }

    private static byte[] snappyCompress(final byte[] input)
    {
        try
        {
            return Snappy.compress(input);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static byte[] repeat(final String text, final int length)
    {
        return Arrays.copyOf(text.repeat(length / text.length() + 1).getBytes(StandardCharsets.US_ASCII), length);
    }

    private static String hexOf(final byte[] bytes)
    {
        return java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
    }
}
