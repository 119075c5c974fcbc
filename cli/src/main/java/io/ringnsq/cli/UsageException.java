package io.ringnsq.cli;

/**
 * A mistake in the command line or the config file, with the exit code the program should end with.
 * {@link #getMessage()} is one line (for command-line mistakes, Go's {@code flag} package wording);
 * {@link #displayText()} is what to print to stderr.
 *
 * <p>Exit codes follow upstream: {@value #EXIT_BAD_FLAGS} for a bad command line (Go's
 * {@code flag.ExitOnError}), {@value #EXIT_BAD_CONFIG} for a bad config file (upstream logs
 * {@code FATAL} and exits 1).
 */
public final class UsageException extends Exception
{
    /** Exit code for a bad command line, as Go's {@code flag.ExitOnError}. */
    public static final int EXIT_BAD_FLAGS = 2;
    /** Exit code for a config file that cannot be read or holds a bad value, as upstream's {@code logFatal}. */
    public static final int EXIT_BAD_CONFIG = 1;

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String hint;

    /**
     * @param message  one line saying what is wrong
     * @param exitCode the code the program should exit with
     */
    public UsageException(final String message, final int exitCode)
    {
        this(message, exitCode, null);
    }

    private UsageException(final String message, final int exitCode, final String hint)
    {
        // no stack trace: the message is the whole story for the user
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    /** A command-line mistake in {@code program}: exit code {@value #EXIT_BAD_FLAGS} and a pointer to {@code --help}. */
    public static UsageException badFlags(final String program, final String message)
    {
        return new UsageException(message, EXIT_BAD_FLAGS, "Run '" + program + " --help' for usage.");
    }

    /** A config-file mistake: exit code {@value #EXIT_BAD_CONFIG}. */
    public static UsageException badConfig(final String message)
    {
        return new UsageException(message, EXIT_BAD_CONFIG);
    }

    /** The code the program should exit with. */
    public int exitCode()
    {
        return exitCode;
    }

    /** The text for stderr: the message and, for command-line mistakes, a line pointing to {@code --help}. */
    public String displayText()
    {
        return hint == null ? getMessage() : getMessage() + System.lineSeparator() + hint;
    }
}
