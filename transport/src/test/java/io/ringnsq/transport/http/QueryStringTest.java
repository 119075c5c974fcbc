package io.ringnsq.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Go's url.ParseQuery, case by case (the table of Go's url_test.go TestParseQuery, and more). */
class QueryStringTest
{
    @Test
    void shouldParseWhatGoParses()
    {
        check("a=1", true, "a=1");
        check("a=1&b=2", true, "a=1", "b=2");
        check("a=1&a=2&a=banana", true, "a=1", "a=2", "a=banana");
        check("ascii=%3Ckey%3A+0x90%3E", true, "ascii=<key: 0x90>");
        check("a=%3B", true, "a=;");
        check("a%3Bb=1", true, "a;b=1");
    }

    @Test
    void shouldRefuseSemicolonsAndKeepTheOtherPairsAsGoDoes()
    {
        check("a=1;b=2", false);
        check("a;b=1", false);
        check("a=1&a=2;a=banana", false, "a=1");
        check("a;b&c=1", false, "c=1");
        check("a=1&b=2;a=3&c=4", false, "a=1", "c=4");
        check("a=1&b=2;c=3", false, "a=1");
        check(";", false);
        check("a=1;", false);
        check("a=1&;", false, "a=1");
        check(";a=1&b=2", false, "b=2");
        check("a=1&b=2;", false, "a=1");
    }

    @Test
    void shouldRefuseBadEscapesAndKeepTheOtherPairs()
    {
        check("a=%zz&b=1", false, "b=1");
        check("%&b=1", false, "b=1");
        check("a=%2", false);
        check("a%g1=1&c=%41", false, "c=A");
    }

    @Test
    void shouldKeepEmptyKeysAndValuesAndSkipEmptyPairs()
    {
        check("=v", true, "=v");
        check("a", true, "a=");
        check("a=", true, "a=");
        check("&&a=1&&", true, "a=1");
        check("", true);
        check("a+b=c+d&e=f=g", true, "a b=c d", "e=f=g");
    }

    @Test
    void shouldGiveTheFirstValueAndTellAbsentFromEmpty()
    {
        final QueryString q = parse("topic=one&topic=two&empty=&channel=%63h");
        assertEquals("one", q.get("topic"));
        assertEquals(List.of("one", "two"), q.getAll("topic"));
        assertEquals("", q.get("empty"));
        assertTrue(q.has("empty"));
        assertNull(q.get("missing"));
        assertFalse(q.has("missing"));
        assertEquals("ch", q.get("channel"));
        assertEquals(List.of(), q.getAll("missing"));
    }

    @Test
    void shouldMatchEscapedAndNonAsciiKeys()
    {
        final QueryString q = parse("t%C3%A9=%C3%A9t%C3%A9&sp+ace=1");
        assertEquals("été", q.get("té"));
        assertEquals("1", q.get("sp ace"));
    }

    private static void check(final String query, final boolean valid, final String... pairs)
    {
        final QueryString q = parse(query);
        final List<String> got = new ArrayList<>();
        for (int i = 0; i < q.size(); i++)
        {
            got.add(q.key(i) + "=" + q.value(i));
        }
        assertEquals(List.of(pairs), got, query);
        assertEquals(!valid, q.isInvalid(), query);
    }

    private static QueryString parse(final String query)
    {
        final byte[] bytes = ("xx" + query + "yy").getBytes(StandardCharsets.UTF_8);
        final QueryString q = new QueryString();
        q.parse(bytes, 2, bytes.length - 2);
        return q;
    }
}
