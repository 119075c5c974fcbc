package io.ringnsq.core.meta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MetadataFileSaveTest
{
    private static final String OLD =
        "{\"topics\":[{\"name\":\"old\",\"paused\":false,\"channels\":null}],\"version\":\"1.3.0\"}";

    @TempDir
    Path dir;

    @Test
    void shouldWriteUpstreamBytesForTopicWithChannel() throws IOException
    {
        assertEquals(
            "{\"topics\":[{\"name\":\"t\",\"paused\":false,\"channels\":[{\"name\":\"c\",\"paused\":false}]}]," +
            "\"version\":\"1.3.0\"}",
            saved(new NsqdMetadata(List.of(new TopicMetadata("t", false, List.of(new ChannelMetadata("c", false)))))));
    }

    @Test
    void shouldWriteNullChannelsForTopicWithoutChannels() throws IOException
    {
        assertEquals("{\"topics\":[{\"name\":\"t\",\"paused\":false,\"channels\":null}],\"version\":\"1.3.0\"}",
            saved(new NsqdMetadata(List.of(TopicMetadata.of("t", false)))));
    }

    @Test
    void shouldWriteNullTopicsWhenThereAreNone() throws IOException
    {
        assertEquals("{\"topics\":null,\"version\":\"1.3.0\"}", saved(NsqdMetadata.EMPTY));
    }

    @Test
    void shouldWritePausedFlagsInTheSnapshotsOrder() throws IOException
    {
        final NsqdMetadata metadata = new NsqdMetadata(List.of(
            new TopicMetadata("zeta", true, List.of(new ChannelMetadata("b", true), new ChannelMetadata("a", false))),
            TopicMetadata.of("alpha.1_x-y", false)));

        assertEquals("{\"topics\":[" +
            "{\"name\":\"zeta\",\"paused\":true,\"channels\":" +
            "[{\"name\":\"b\",\"paused\":true},{\"name\":\"a\",\"paused\":false}]}," +
            "{\"name\":\"alpha.1_x-y\",\"paused\":false,\"channels\":null}" +
            "],\"version\":\"1.3.0\"}", saved(metadata));
    }

    @Test
    void shouldLeaveOutEphemeralTopicsAndChannels() throws IOException
    {
        final NsqdMetadata metadata = new NsqdMetadata(List.of(
            new TopicMetadata("e#ephemeral", false, List.of(new ChannelMetadata("c", false))),
            new TopicMetadata("t", false, List.of(new ChannelMetadata("c#ephemeral", false))),
            new TopicMetadata("u", true,
                List.of(new ChannelMetadata("x#ephemeral", true), new ChannelMetadata("y", false)))));

        assertEquals("{\"topics\":[" +
            "{\"name\":\"t\",\"paused\":false,\"channels\":null}," +
            "{\"name\":\"u\",\"paused\":true,\"channels\":[{\"name\":\"y\",\"paused\":false}]}" +
            "],\"version\":\"1.3.0\"}", saved(metadata));
    }

    @Test
    void shouldWriteNullTopicsWhenAllTopicsAreEphemeral() throws IOException
    {
        assertEquals("{\"topics\":null,\"version\":\"1.3.0\"}",
            saved(new NsqdMetadata(List.of(TopicMetadata.of("e#ephemeral", false)))));
    }

    @Test
    void shouldRoundTripThroughTheFile() throws IOException
    {
        final MetadataFile file = new MetadataFile(dir);
        final NsqdMetadata metadata = new NsqdMetadata(List.of(
            new TopicMetadata("t1", true, List.of(new ChannelMetadata("c1", false), new ChannelMetadata("c2", true))),
            TopicMetadata.of("t2", false),
            new TopicMetadata("t3", false, List.of(new ChannelMetadata("c1", true)))));

        file.save(NsqdMetadata.EMPTY);
        file.save(metadata);

        assertEquals(metadata, file.load());
        assertEquals(List.of(MetadataFile.FILE_NAME), names(dir));
    }

    @Test
    void shouldCreateTheFileWithMode0600() throws IOException
    {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        final MetadataFile file = new MetadataFile(dir);

        file.save(new NsqdMetadata(List.of(TopicMetadata.of("t", false))));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
    }

    @Test
    void shouldKeepTheOldFileAndNoTempFileWhenAWriteFailsMidway() throws IOException
    {
        Files.writeString(dir.resolve("nsqd.dat"), OLD);
        final List<Path> temps = new ArrayList<>();
        final MetadataFile file = new MetadataFile(dir, () -> 7,
            (channel, content) ->
            {
                temps.add(dir.resolve("nsqd.dat.7.tmp"));
                channel.write(content.limit(content.limit() / 2));
                throw new IOException("No space left on device");
            },
            warning ->
            {
            });

        final IOException ex = assertThrows(IOException.class,
            () -> file.save(new NsqdMetadata(List.of(TopicMetadata.of("new", true)))));

        assertEquals("failed to persist metadata to " + dir.resolve("nsqd.dat") +
            " - java.io.IOException: No space left on device", ex.getMessage());
        assertEquals(List.of(dir.resolve("nsqd.dat.7.tmp")), temps);
        assertEquals(OLD, Files.readString(dir.resolve("nsqd.dat")));
        assertEquals(List.of("nsqd.dat"), names(dir));
    }

    @Test
    void shouldKeepTheOldFileWhenTheTempFileCannotBeCreated() throws IOException
    {
        Files.writeString(dir.resolve("nsqd.dat"), OLD);
        // something else already holds the temp name: not ours to delete
        Files.createDirectory(dir.resolve("nsqd.dat.42.tmp"));
        final MetadataFile file = new MetadataFile(dir, () -> 42, (channel, content) -> channel.write(content),
            warning ->
            {
            });

        final IOException ex = assertThrows(IOException.class, () -> file.save(NsqdMetadata.EMPTY));

        assertTrue(ex.getMessage().startsWith("failed to persist metadata to " + dir.resolve("nsqd.dat") + " - "),
            ex.getMessage());
        assertTrue(ex.getMessage().contains(dir.resolve("nsqd.dat.42.tmp").toString()), ex.getMessage());
        assertEquals(OLD, Files.readString(dir.resolve("nsqd.dat")));
        assertEquals(List.of("nsqd.dat", "nsqd.dat.42.tmp"), names(dir));
    }

    @Test
    void shouldRemoveTheTempFileWhenTheRenameFails() throws IOException
    {
        // a non-empty directory where nsqd.dat should be: rename(2) refuses to replace it, even for root
        Files.createDirectories(dir.resolve("nsqd.dat").resolve("inside"));
        final MetadataFile file = new MetadataFile(dir);

        final IOException ex = assertThrows(IOException.class, () -> file.save(NsqdMetadata.EMPTY));

        assertTrue(ex.getMessage().startsWith("failed to persist metadata to " + dir.resolve("nsqd.dat") + " - "),
            ex.getMessage());
        assertEquals(List.of("nsqd.dat"), names(dir));
        assertEquals(List.of("inside"), names(dir.resolve("nsqd.dat")));
    }

    @Test
    void shouldNameThePathWhenTheDataPathIsMissing()
    {
        final Path missing = dir.resolve("missing");
        final MetadataFile file = new MetadataFile(missing);

        final IOException ex = assertThrows(IOException.class, () -> file.save(NsqdMetadata.EMPTY));

        assertTrue(ex.getMessage().startsWith("failed to persist metadata to " + missing.resolve("nsqd.dat") + " - "),
            ex.getMessage());
    }

    private String saved(final NsqdMetadata metadata) throws IOException
    {
        final MetadataFile file = new MetadataFile(dir);
        file.save(metadata);
        return new String(Files.readAllBytes(file.path()), StandardCharsets.UTF_8);
    }

    private static List<String> names(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
