package io.ringnsq.admin;

import java.util.List;

/**
 * What a question to many nodes gave (upstream's value plus {@code PartialErr}): the answer from the
 * nodes that answered, each failure worded with its node, and whether every node failed (then the API
 * answers 502 {@code UPSTREAM_ERROR}).
 */
record Gathered<T>(T value, List<String> errors, boolean allFailed)
{
    static <T> Gathered<T> of(final T value, final List<String> errors, final int asked)
    {
        return new Gathered<>(value, List.copyOf(errors), asked > 0 && errors.size() >= asked);
    }

    /** Upstream's ErrList text: the failures, one a line. */
    String errorText()
    {
        return String.join("\n", errors);
    }
}
