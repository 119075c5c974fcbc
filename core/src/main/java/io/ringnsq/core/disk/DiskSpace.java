package io.ringnsq.core.disk;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much a queue may still write on its filesystem; a seam so tests can run out of space on demand. */
@FunctionalInterface
public interface DiskSpace
{
    /** Bytes this process may still write on the filesystem. */
    long usableBytes() throws IOException;

    /** {@link FileStore#getUsableSpace()} of the filesystem holding {@code dir}: one statvfs a call. */
    static DiskSpace of(final Path dir)
    {
        return new DiskSpace()
        {
            // looked up once: Files.getFileStore reads the mount table
            private FileStore store;

            @Override
            public long usableBytes() throws IOException
            {
                if (store == null)
                {
                    store = Files.getFileStore(dir);
                }
                return store.getUsableSpace();
            }
        };
    }
}
