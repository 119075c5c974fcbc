package io.ringnsq.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AuthRepliesTest
{
    @Test
    void shouldWriteTheAuthResponseAsTheRealNsqdDid() throws Exception
    {
        final Authorizations authorizations = Authorizations.parse(("{\"ttl\":3600,\"identity\":\"alice\",\"identity_url\":\"http://x/alice\","
            + "\"authorizations\":[{\"topic\":\"t\",\"channels\":[\".*\"],\"permissions\":[\"subscribe\",\"publish\"]}]}")
            .getBytes(StandardCharsets.UTF_8), 0);

        assertEquals("{\"identity\":\"alice\",\"identity_url\":\"http://x/alice\",\"permission_count\":1}",
            new String(AuthReplies.authOk(authorizations), StandardCharsets.UTF_8));
    }

    @Test
    void shouldEscapeIdentityAsGosJsonMarshal() throws Exception
    {
        final Authorizations authorizations = Authorizations.parse(
            "{\"ttl\":1,\"identity\":\"<a&b> \\\"q\\\" \\\\ \\n\\t\\r\\b\\f\\u0001\\u2028\\u2029 \u00e9\uD83D\uDE00\"}"
                .getBytes(StandardCharsets.UTF_8), 0);

        assertEquals("{\"identity\":\"\\u003ca\\u0026b\\u003e \\\"q\\\" \\\\ \\n\\t\\r\\u0008\\u000c\\u0001\\u2028\\u2029 \u00e9\uD83D\uDE00\","
                + "\"identity_url\":\"\",\"permission_count\":0}",
            new String(AuthReplies.authOk(authorizations), StandardCharsets.UTF_8));
    }

    @Test
    void shouldQuoteNamesAsGoDoesInUnauthorized()
    {
        assertEquals("E_UNAUTHORIZED AUTH failed for PUB on \"other\" \"\"", AuthReplies.unauthorized("PUB", "other", ""));
        assertEquals("E_UNAUTHORIZED AUTH failed for SUB on \"t\" \"ch#ephemeral\"", AuthReplies.unauthorized("SUB", "t", "ch#ephemeral"));
        assertEquals("E_UNAUTHORIZED AUTH failed for MPUB on \"\\xff\" \"\"",
            AuthReplies.unauthorized("MPUB", new byte[] {(byte)0xFF}, new byte[0]));
    }

    @Test
    void shouldHoldEveryAuthErrorTextOfTheSpec()
    {
        assertEquals("E_AUTH_FIRST AUTH required before PUB", AuthReplies.authFirst("PUB"));
        assertEquals("E_INVALID AUTH already set", AuthReplies.ALREADY_SET);
        assertEquals("E_AUTH_DISABLED AUTH disabled", AuthReplies.DISABLED);
        assertEquals("E_AUTH_FAILED AUTH failed", AuthReplies.FAILED);
        assertEquals("E_UNAUTHORIZED AUTH no authorizations found", AuthReplies.NO_AUTHORIZATIONS);
        assertEquals("E_AUTH_ERROR AUTH error broken pipe", AuthReplies.authError("broken pipe"));
    }
}
