package io.ringnsq.core.meta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataFileLoadTest
{
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void shouldLoadNothingWhenThereIsNoFile() throws IOException
    {
        assertEquals(NsqdMetadata.EMPTY, file().load());
    }

    @Test
    void shouldIgnoreTheLegacyNodeIdFileAsUpstreamHasSinceV120() throws IOException
    {
        write("nsqd.0.dat", "{\"topics\":[{\"name\":\"t\",\"paused\":false,\"channels\":null}]}");

        assertEquals(NsqdMetadata.EMPTY, file().load());
    }

    @Test
    void shouldLoadWhatUpstreamV130Writes() throws IOException
    {
        write("{\"topics\":[{\"name\":\"t\",\"paused\":true,\"channels\":[{\"name\":\"c\",\"paused\":false}," +
            "{\"name\":\"d\",\"paused\":true}]},{\"name\":\"u\",\"paused\":false,\"channels\":null}]," +
            "\"version\":\"1.3.0\"}");

        assertEquals(new NsqdMetadata(List.of(
            new TopicMetadata("t", true, List.of(new ChannelMetadata("c", false), new ChannelMetadata("d", true))),
            TopicMetadata.of("u", false))), file().load());
        assertEquals(List.of(), warnings);
    }

    @Test
    void shouldLoadTheOlderLayoutWithSortedKeysAndEmptyLists() throws IOException
    {
        // v1.0 to v1.2 marshalled maps: keys sorted, [] for no channels or topics
        write("{\"topics\":[{\"channels\":[],\"name\":\"t\",\"paused\":false}," +
            "{\"channels\":[{\"name\":\"c\",\"paused\":true}],\"name\":\"u\",\"paused\":true}],\"version\":\"1.2.1\"}");

        assertEquals(new NsqdMetadata(List.of(
            TopicMetadata.of("t", false),
            new TopicMetadata("u", true, List.of(new ChannelMetadata("c", true))))), file().load());
    }

    @Test
    void shouldLoadNoTopicsFromNullOrEmptyLists() throws IOException
    {
        for (final String content : new String[]{"{\"topics\":null,\"version\":\"1.3.0\"}", "{\"topics\":[]}", "{}",
            "null", " \n{ } \n"})
        {
            write(content);
            assertEquals(NsqdMetadata.EMPTY, file().load(), content);
        }
    }

    @Test
    void shouldIgnoreUnknownKeysAndAnyVersion() throws IOException
    {
        write("{\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"version\":12," +
            "\"topics\":[{\"name\":\"t\",\"colour\":\"blue\",\"channels\":[{\"name\":\"c\",\"depth\":5}]}]}");

        assertEquals(new NsqdMetadata(List.of(new TopicMetadata("t", false, List.of(new ChannelMetadata("c", false))))),
            file().load());
    }

    @Test
    void shouldTreatMissingOrNullPausedAsFalse() throws IOException
    {
        write("{\"topics\":[{\"name\":\"t\",\"paused\":null,\"channels\":[{\"name\":\"c\"}]}]}");

        assertEquals(new NsqdMetadata(List.of(new TopicMetadata("t", false, List.of(new ChannelMetadata("c", false))))),
            file().load());
    }

    @Test
    void shouldMatchKeysCaseInsensitivelyAsGoDoes() throws IOException
    {
        write("{\"TOPICS\":[{\"Name\":\"t\",\"PAUSED\":true,\"Channels\":[{\"nAmE\":\"c\",\"pau\u017Fed\":true}]}]}");

        assertEquals(new NsqdMetadata(List.of(new TopicMetadata("t", true, List.of(new ChannelMetadata("c", true))))),
            file().load());
    }

    @Test
    void shouldSkipInvalidNamesWithUpstreamsWarning() throws IOException
    {
        write("{\"topics\":[" +
            "{\"name\":\"bad topic\",\"channels\":[{\"name\":\"c\"}]}," +
            "{\"channels\":[{\"name\":\"c\"}]}," +
            "null," +
            "{\"name\":\"t\",\"channels\":[{\"name\":\"ok\"},{\"name\":\"bad/channel\"},{\"paused\":true},null]}]}");

        assertEquals(
            new NsqdMetadata(List.of(new TopicMetadata("t", false, List.of(new ChannelMetadata("ok", false))))),
            file().load());
        assertEquals(List.of(
            "skipping creation of invalid topic bad topic",
            "skipping creation of invalid topic ",
            "skipping creation of invalid topic ",
            "skipping creation of invalid channel bad/channel",
            "skipping creation of invalid channel ",
            "skipping creation of invalid channel "), warnings);
    }

    @Test
    void shouldSkipEphemeralNamesWithAWarning() throws IOException
    {
        write("{\"topics\":[{\"name\":\"e#ephemeral\",\"channels\":[{\"name\":\"c\"}]}," +
            "{\"name\":\"t\",\"channels\":[{\"name\":\"c#ephemeral\"},{\"name\":\"d\"}]}]}");

        assertEquals(new NsqdMetadata(List.of(new TopicMetadata("t", false, List.of(new ChannelMetadata("d", false))))),
            file().load());
        assertEquals(List.of(
            "skipping creation of ephemeral topic e#ephemeral (ephemeral topics are never saved)",
            "skipping creation of ephemeral channel c#ephemeral of topic t (ephemeral channels are never saved)"),
            warnings);
    }

    @Test
    void shouldMergeRepeatedNamesIntoTheirFirstPlacePausedIfAnyCopyIs() throws IOException
    {
        write("{\"topics\":[" +
            "{\"name\":\"t\",\"paused\":false,\"channels\":[{\"name\":\"a\",\"paused\":true},{\"name\":\"b\"}]}," +
            "{\"name\":\"u\"}," +
            "{\"name\":\"t\",\"paused\":true,\"channels\":[{\"name\":\"c\"},{\"name\":\"a\",\"paused\":false}," +
            "{\"name\":\"b\",\"paused\":true}]}]}");

        assertEquals(new NsqdMetadata(List.of(
            new TopicMetadata("t", true,
                List.of(new ChannelMetadata("a", true), new ChannelMetadata("b", true),
                    new ChannelMetadata("c", false))),
            TopicMetadata.of("u", false))), file().load());
        assertEquals(List.of("merging duplicate topic t", "merging duplicate channel a of topic t",
            "merging duplicate channel b of topic t"), warnings);
    }

    @Test
    void shouldLetTheLastRepeatedKeyWinAsGoDoes() throws IOException
    {
        write("{\"topics\":[{\"name\":\"x\"}],\"topics\":[{\"name\":\"a\",\"name\":\"t\",\"name\":null," +
            "\"channels\":[{\"name\":\"c\"}],\"channels\":null}]}");

        assertEquals(new NsqdMetadata(List.of(TopicMetadata.of("t", false))), file().load());
    }

    @Test
    void shouldRefuseMalformedJsonNamingTheFile() throws IOException
    {
        write("{\"topics\":[{\"name\":\"t\" \"paused\":true}]}");

        final IOException ex = assertThrows(IOException.class, () -> file().load());

        assertTrue(ex.getMessage().startsWith("failed to parse metadata in " + dir.resolve("nsqd.dat") + " - "),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("line 1, column"), ex.getMessage());
    }

    @Test
    void shouldRefuseTruncatedOrEmptyFilesAsUnexpectedEnd() throws IOException
    {
        for (final String content : new String[]{"", "  \n", "{\"topics\":[{\"name\":\"t\",\"pau"})
        {
            write(content);
            assertEquals("failed to parse metadata in " + dir.resolve("nsqd.dat") + " - unexpected end of JSON input",
                assertThrows(IOException.class, () -> file().load()).getMessage(), content);
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotAnObjectWithGosMessage() throws IOException
    {
        assertParseError("[]", "json: cannot unmarshal array into Go value of type nsqd.Metadata");
        assertParseError("\"nsqd\"", "json: cannot unmarshal string into Go value of type nsqd.Metadata");
        assertParseError("42", "json: cannot unmarshal number into Go value of type nsqd.Metadata");
    }

    @Test
    void shouldRefuseValuesOfTheWrongTypeWithGosMessage() throws IOException
    {
        assertParseError("{\"topics\":{}}",
            "json: cannot unmarshal object into Go struct field Metadata.topics of type []nsqd.TopicMetadata");
        assertParseError("{\"topics\":[\"t\"]}",
            "json: cannot unmarshal string into Go struct field Metadata.topics of type nsqd.TopicMetadata");
        assertParseError("{\"topics\":[{\"name\":5}]}",
            "json: cannot unmarshal number into Go struct field TopicMetadata.topics.name of type string");
        assertParseError("{\"topics\":[{\"name\":\"t\",\"paused\":\"true\"}]}",
            "json: cannot unmarshal string into Go struct field TopicMetadata.topics.paused of type bool");
        assertParseError("{\"topics\":[{\"name\":\"t\",\"channels\":\"c\"}]}",
            "json: cannot unmarshal string into Go struct field TopicMetadata.topics.channels" +
            " of type []nsqd.ChannelMetadata");
        assertParseError("{\"topics\":[{\"name\":\"t\",\"channels\":[true]}]}",
            "json: cannot unmarshal bool into Go struct field TopicMetadata.topics.channels" +
            " of type nsqd.ChannelMetadata");
        assertParseError("{\"topics\":[{\"name\":\"t\",\"channels\":[{\"name\":\"c\",\"paused\":1}]}]}",
            "json: cannot unmarshal number into Go struct field ChannelMetadata.topics.channels.paused of type bool");
        // Go reports the first type error, after checking the rest decodes
        assertParseError("{\"topics\":[{\"name\":[],\"paused\":\"no\"}]}",
            "json: cannot unmarshal array into Go struct field TopicMetadata.topics.name of type string");
    }

    @Test
    void shouldReportASyntaxErrorBeforeAnEarlierTypeError() throws IOException
    {
        write("{\"topics\":[{\"name\":5}]} trailing");

        final IOException ex = assertThrows(IOException.class, () -> file().load());

        assertTrue(ex.getMessage().startsWith("failed to parse metadata in " + dir.resolve("nsqd.dat") + " - "),
            ex.getMessage());
        assertTrue(!ex.getMessage().contains("cannot unmarshal"), ex.getMessage());
    }

    @Test
    void shouldRefuseDataAfterTheObject() throws IOException
    {
        assertParseError("{}{}", "invalid character after top-level value");
    }

    @Test
    void shouldSkipANameWithInvalidUtf8AsGoReadsItAsReplacementCharacters() throws IOException
    {
        final byte[] head = "{\"topics\":[{\"name\":\"t".getBytes(StandardCharsets.US_ASCII);
        final byte[] tail = "\"},{\"name\":\"u\"}]}".getBytes(StandardCharsets.US_ASCII);
        final byte[] content = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, content, 0, head.length);
        content[head.length] = (byte)0xFF;
        System.arraycopy(tail, 0, content, head.length + 1, tail.length);
        Files.write(dir.resolve("nsqd.dat"), content);

        assertEquals(new NsqdMetadata(List.of(TopicMetadata.of("u", false))), file().load());
        assertEquals(List.of("skipping creation of invalid topic t\uFFFD"), warnings);
    }

    @Test
    void shouldNameTheFileWhenItCannotBeRead() throws IOException
    {
        Files.createDirectory(dir.resolve("nsqd.dat"));

        final IOException ex = assertThrows(IOException.class, () -> file().load());

        assertTrue(ex.getMessage().startsWith("failed to read metadata from " + dir.resolve("nsqd.dat") + " - "),
            ex.getMessage());
    }

    private void assertParseError(final String content, final String detail) throws IOException
    {
        write(content);
        assertEquals("failed to parse metadata in " + dir.resolve("nsqd.dat") + " - " + detail,
            assertThrows(IOException.class, () -> file().load()).getMessage(), content);
    }

    private MetadataFile file()
    {
        return new MetadataFile(dir, () -> 1, (channel, content) -> channel.write(content), warnings::add);
    }

    private void write(final String content) throws IOException
    {
        write("nsqd.dat", content);
    }

    private void write(final String name, final String content) throws IOException
    {
        Files.writeString(dir.resolve(name), content);
    }
}
