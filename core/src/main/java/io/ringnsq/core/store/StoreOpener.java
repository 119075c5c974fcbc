package io.ringnsq.core.store;

/** Finds and opens the store of a queue: under {@code --data-path} in production, in memory in tests. */
public interface StoreOpener
{
    /** Opens the queue's store, creating it when it does not exist. */
    MessageStore open(QueueHandle queue) throws StoreException;

    /** Whether the queue has a store from an earlier run. */
    boolean exists(QueueHandle queue);

    /** Removes the files of a queue that is not open. */
    void remove(QueueHandle queue);
}
