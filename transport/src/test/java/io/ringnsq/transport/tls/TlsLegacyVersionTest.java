package io.ringnsq.transport.tls;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --tls-min-version=tls1.0} (upstream's default) really accepts TLS 1.0 and 1.1 clients, which the JDK
 * disables by default, while a server set to tls1.2 in the same JVM still refuses them. Runs in a fresh JVM
 * ({@link LegacyVersionProbe}): the switch is JVM-wide and only works before JSSE first loads.
 */
class TlsLegacyVersionTest
{
    @Test
    void tls10MinimumAcceptsTls10And11ClientsAndTls12MinimumStillRefusesThem() throws Exception
    {
        final String output = probe();
        final List<String> lines = output.lines().filter(line -> !line.startsWith("SLF4J")).toList();
        assertTrue(lines.contains("effective minimum: tls1.0"), output);
        assertTrue(lines.contains("tls1.0 server, TLSv1 client: TLSv1 echoed"), output);
        assertTrue(lines.contains("tls1.0 server, TLSv1.1 client: TLSv1.1 echoed"), output);
        assertTrue(lines.contains("tls1.0 server, TLSv1.3 client: TLSv1.3 echoed"), output);
        assertTrue(lines.contains("tls1.2 server, TLSv1 client: refused"), output);
        assertTrue(lines.contains("server saw: [TLS1.0, TLS1.1, TLS1.3]"), output);
    }

    @Test
    void tls10MinimumFallsBackToTls12WhenTlsWasUsedBeforeTheSettingsWereBuilt() throws Exception
    {
        final String output = probe("late");
        final List<String> lines = output.lines().filter(line -> !line.startsWith("SLF4J")).toList();
        assertTrue(lines.contains("effective minimum: tls1.2"), output);
        assertTrue(lines.contains("tls1.0 server, TLSv1 client: refused"), output);
        assertTrue(lines.contains("tls1.0 server, TLSv1.3 client: TLSv1.3 echoed"), output);
    }

    /** Runs {@link LegacyVersionProbe} in a new JVM on this test's class path and returns what it printed. */
    private static String probe(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-"))
            {
                command.add(argument); // Agrona's access to jdk.internal.misc, as the test JVM has it
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LegacyVersionProbe.class.getName());
        command.addAll(List.of(args));
        final Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, probe.exitValue(), output);
        return output;
    }
}
