package io.ringnsq.core.store;

import java.util.HashMap;
import java.util.Map;

/** Opens {@link MemoryStore}s by queue directory name, and plays restarts over them. */
public final class MemoryStoreOpener implements StoreOpener
{
    private Map<String, MemoryStore> stores = new HashMap<>();
    /** While set, every append fails as on a full disk. */
    public boolean failWrites;
    public int syncs;

    @Override
    public MessageStore open(final QueueHandle queue)
    {
        return stores.computeIfAbsent(queue.directoryName(), name -> new MemoryStore(this));
    }

    @Override
    public boolean exists(final QueueHandle queue)
    {
        return stores.containsKey(queue.directoryName());
    }

    @Override
    public void remove(final QueueHandle queue)
    {
        stores.remove(queue.directoryName());
    }

    void deleted(final MemoryStore store)
    {
        stores.values().remove(store);
    }

    public MemoryStore store(final String directoryName)
    {
        return stores.get(directoryName);
    }

    /** The stores as a restart after kill -9 finds them. */
    public void crash()
    {
        final Map<String, MemoryStore> next = new HashMap<>();
        stores.forEach((name, store) -> next.put(name, store.afterCrash()));
        stores = next;
    }

    /** The stores as a restart after a clean stop finds them. */
    public void restart()
    {
        final Map<String, MemoryStore> next = new HashMap<>();
        stores.forEach((name, store) -> next.put(name, store.afterCleanStop()));
        stores = next;
    }
}
