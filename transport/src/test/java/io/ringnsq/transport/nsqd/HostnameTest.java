package io.ringnsq.transport.nsqd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class HostnameTest
{
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    @Test
    void shouldTakeTheKernelsHostnameAsGoDoes() throws Exception
    {
        assumeTrue(Files.isReadable(KERNEL_HOSTNAME), "no /proc/sys/kernel/hostname here (not Linux)");
        assertEquals(Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).trim(), NsqdContext.hostname());
    }

    @Test
    void shouldBeTheDefaultBroadcastAddress()
    {
        assertFalse(NsqdContext.hostname().isEmpty());
        assertEquals(NsqdContext.hostname(), new NsqdContext().broadcastAddress());
    }
}
