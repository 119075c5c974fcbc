package io.ringnsq.cli;

/**
 * A value that does not parse as its option's type. The message is the reason only (Go's
 * {@code parse error}, {@code value out of range}, or a description of what was expected), so the
 * command-line parser and the config-file reader can each put it into their own sentence.
 */
final class InvalidValueException extends Exception
{
    private static final long serialVersionUID = 1L;

    static final String PARSE_ERROR = "parse error";
    static final String OUT_OF_RANGE = "value out of range";

    InvalidValueException(final String reason)
    {
        // no stack trace: this is an expected outcome of user input, reported as one line
        super(reason, null, false, false);
    }
}
