package io.ringnsq.core.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ringnsq.core.store.MessageStore;
import io.ringnsq.core.store.QueueHandle;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.core.store.StoreOpener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens each queue's {@link DiskQueue} in its directory under {@code --data-path}. */
public final class DiskQueueOpener implements StoreOpener
{
    private static final Logger LOG = LoggerFactory.getLogger(DiskQueueOpener.class);

    private final Path dataPath;
    private final DiskQueueSettings settings;

    public DiskQueueOpener(final Path dataPath, final DiskQueueSettings settings)
    {
        this.dataPath = dataPath;
        this.settings = settings.conclude();
    }

    @Override
    public MessageStore open(final QueueHandle queue) throws StoreException
    {
        try
        {
            return new DiskQueueStore(DiskQueue.open(directory(queue), settings));
        }
        catch (final DiskQueueException ex)
        {
            throw DiskQueueStore.failure(ex);
        }
    }

    @Override
    public boolean exists(final QueueHandle queue)
    {
        return Files.isDirectory(directory(queue));
    }

    @Override
    public void remove(final QueueHandle queue)
    {
        final Path dir = directory(queue);
        if (!Files.exists(dir))
        {
            return;
        }
        try (var paths = Files.walk(dir))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            LOG.warn("failed to remove {}: {}", dir, ex.getMessage());
        }
    }

    private Path directory(final QueueHandle queue)
    {
        return dataPath.resolve(queue.directoryName());
    }
}
