package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.ringnsq.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nsqadmin's command line: upstream's flags, config keys and exit codes. */
class AdminMainTest
{
    @Test
    void shouldPrintTheVersionInUpstreamsFormat()
    {
        assertEquals("nsqadmin v1.3.0 (built w/java" + Runtime.version().feature() + ")", AdminMain.version());
        final PrintStream out = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(0, AdminMain.run(new String[] {"--version"}));
        }
        finally
        {
            System.setOut(out);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).startsWith("nsqadmin v1.3.0 (built w/java"));
    }

    @Test
    void shouldExit2OnAnUnknownFlagAnd1WithoutAnyNodeAddress()
    {
        assertEquals(2, AdminMain.run(new String[] {"--no-such-flag"}));
        assertEquals(2, AdminMain.run(new String[] {"--log-level=loud"}));
        assertEquals(1, AdminMain.run(new String[] {"--http-address=127.0.0.1:0"}));
        assertEquals(1, AdminMain.run(new String[] {"--http-address=127.0.0.1:0", "--nsqd-http-address=a:1",
            "--lookupd-http-address=b:2"}));
    }

    @Test
    void shouldReadUpstreamsFlagsWithTheirDefaults() throws UsageException
    {
        final AdminOptions options = AdminOptions.declare();
        final AdminContext defaults = options.toContext(options.parse());
        assertEquals("0.0.0.0:4171", defaults.httpAddress());
        assertEquals("X-Forwarded-User", defaults.aclHttpHeader());
        assertEquals("127.0.0.1/8", defaults.allowConfigFromCidr());
        assertEquals(Duration.ofSeconds(2), defaults.httpClientConnectTimeout());
        assertEquals(Duration.ofSeconds(5), defaults.httpClientRequestTimeout());
        final AdminContext c = options.toContext(options.parse("--lookupd-http-address=l1:4161", "-lookupd-http-address", "l2:4161",
            "--admin-user=alice", "--admin-user=bob", "--base-path=/admin/", "--http-client-request-timeout=250ms",
            "--notification-http-endpoint=http://n/notify", "--graphite-url=http://g", "--proxy-graphite=true")).conclude();
        assertEquals(List.of("l1:4161", "l2:4161"), c.lookupdHttpAddresses());
        assertEquals(List.of("alice", "bob"), c.adminUsers());
        assertEquals("/admin", c.basePath());
        assertEquals(Duration.ofMillis(250), c.httpClientRequestTimeout());
    }

    @Test
    void shouldReadUpstreamsConfigFileKeys(@TempDir final Path dir) throws Exception
    {
        final Path config = dir.resolve("nsqadmin.cfg");
        Files.writeString(config, "http_address = \"127.0.0.1:4999\"\n"
            + "nsqlookupd_http_addresses = [\"l1:4161\", \"l2:4161\"]\n"
            + "admin_users = [\"alice\"]\n"
            + "acl_http_header = \"X-Auth\"\n"
            + "notification_http_endpoint = \"http://n/notify\"\n");
        final AdminOptions options = AdminOptions.declare();
        final AdminContext c = options.toContext(options.parse("--config=" + config)).conclude();
        assertEquals("127.0.0.1:4999", c.httpAddress());
        assertEquals(List.of("l1:4161", "l2:4161"), c.lookupdHttpAddresses());
        assertEquals(List.of("alice"), c.adminUsers());
        assertEquals("X-Auth", c.aclHttpHeader());
        assertEquals("http://n/notify", c.notificationHttpEndpoint());
        final AdminContext flagWins = options.toContext(options.parse("--config=" + config, "--http-address=127.0.0.1:5000"));
        assertEquals("127.0.0.1:5000", flagWins.httpAddress());
    }

    @Test
    void shouldRefuseABadCidr()
    {
        assertThrows(IllegalArgumentException.class, () -> new AdminContext().nsqdHttpAddresses(List.of("a:1"))
            .allowConfigFromCidr("nonsense").conclude());
    }
}
