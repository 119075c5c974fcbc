package io.ringnsq.core.disk;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a {@link DiskQueue} needs from nsqd's options; fluent, checked by {@link #conclude()}. A queue copies the
 * values when it opens, so one instance can serve every queue.
 */
public final class DiskQueueSettings
{
    /** Upstream's {@code --max-bytes-per-file}. */
    public static final long DEFAULT_MAX_BYTES_PER_FILE = 104_857_600L;
    /** Upstream's {@code --max-msg-size}. */
    public static final int DEFAULT_MAX_MSG_SIZE = 1_048_576;
    /** How long Chronicle waits on a header a crashed writer left incomplete before it overwrites it. */
    public static final long DEFAULT_RECOVERY_TIMEOUT_MS = 500;

    private long maxBytesPerFile = DEFAULT_MAX_BYTES_PER_FILE;
    private int maxMsgSize = DEFAULT_MAX_MSG_SIZE;
    private long recoveryTimeoutMs = DEFAULT_RECOVERY_TIMEOUT_MS;
    private Function<Path, DiskSpace> diskSpace = DiskSpace::of;

    public DiskQueueSettings conclude()
    {
        if (maxBytesPerFile < 1)
        {
            throw new IllegalArgumentException("max-bytes-per-file must be positive: " + maxBytesPerFile);
        }
        if (maxMsgSize < 0)
        {
            throw new IllegalArgumentException("max-msg-size must not be negative: " + maxMsgSize);
        }
        if (recoveryTimeoutMs < 1)
        {
            throw new IllegalArgumentException("recovery timeout must be positive: " + recoveryTimeoutMs);
        }
        Objects.requireNonNull(diskSpace, "diskSpace");
        return this;
    }

    /** A roll file takes entries until the next one would take its payload past this; one entry is always taken. */
    public long maxBytesPerFile()
    {
        return maxBytesPerFile;
    }

    public DiskQueueSettings maxBytesPerFile(final long maxBytesPerFile)
    {
        this.maxBytesPerFile = maxBytesPerFile;
        return this;
    }

    /** The largest body appended or accepted on read; a longer one read back counts as damage. */
    public int maxMsgSize()
    {
        return maxMsgSize;
    }

    public DiskQueueSettings maxMsgSize(final int maxMsgSize)
    {
        this.maxMsgSize = maxMsgSize;
        return this;
    }

    public long recoveryTimeoutMs()
    {
        return recoveryTimeoutMs;
    }

    public DiskQueueSettings recoveryTimeoutMs(final long recoveryTimeoutMs)
    {
        this.recoveryTimeoutMs = recoveryTimeoutMs;
        return this;
    }

    /** Gives each queue directory its {@link DiskSpace}; {@link DiskSpace#of(Path)} by default. */
    public Function<Path, DiskSpace> diskSpace()
    {
        return diskSpace;
    }

    public DiskQueueSettings diskSpace(final Function<Path, DiskSpace> diskSpace)
    {
        this.diskSpace = diskSpace;
        return this;
    }
}
