package io.ringnsq.core.disk;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports damage the reader stepped over, one WARN line per damaged stretch: held back until the next good entry
 * shows which sequences the stretch took with it.
 */
final class DamageLog implements EntryReader.DamageListener
{
    private static final Logger LOG = LoggerFactory.getLogger(DiskQueue.class);

    private final Path dir;
    private long stretches;
    private long lost;
    private String pending;
    private int pendingMore;

    DamageLog(final Path dir)
    {
        this.dir = dir;
    }

    @Override
    public void onDamage(final int cycle, final long entry, final String reason, final String skipped)
    {
        stretches++;
        if (pending == null)
        {
            pending = RollFiles.name(cycle) + ": " + reason + " at entry " + entry + "; skipped " + skipped;
        }
        else
        {
            pendingMore++;
        }
    }

    /** The reader found a good entry again; sequences {@code from} up to {@code to} (excluded) did not come back. */
    void resumed(final long from, final long to)
    {
        lost += to - from;
        if (pending != null)
        {
            LOG.warn("disk queue {}: {}{}; {}", dir, pending, more(),
                lostText(from, to));
            clear();
        }
        else if (to > from)
        {
            LOG.warn("disk queue {}: {}, missing from its files", dir, lostText(from, to));
        }
    }

    /** The reader found nothing more after the damage, for now. */
    void stalled()
    {
        if (pending != null)
        {
            LOG.warn("disk queue {}: {}{}; nothing readable after it yet", dir, pending, more());
            clear();
        }
    }

    /** Damaged stretches stepped over since the queue opened. */
    long stretches()
    {
        return stretches;
    }

    /** Sequences that were found missing since the queue opened. */
    long lost()
    {
        return lost;
    }

    private static String lostText(final long from, final long to)
    {
        return to == from ? "no entry lost" : to == from + 1 ? "lost entry " + from :
            "lost entries " + from + ".." + (to - 1) + " (" + (to - from) + ")";
    }

    private String more()
    {
        return pendingMore == 0 ? "" : " (and " + pendingMore + " more damaged stretch" + (pendingMore > 1 ? "es" : "") +
            " before the next good entry)";
    }

    private void clear()
    {
        pending = null;
        pendingMore = 0;
    }
}
