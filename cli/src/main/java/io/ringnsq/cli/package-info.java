/**
 * Command-line options and {@code --config} TOML files, read exactly the way upstream NSQ's Go
 * binaries read theirs (Go's {@code flag} package, then {@code mreiferson/go-options}).
 * {@link io.ringnsq.cli.OptionSet} declares, {@link io.ringnsq.cli.ParsedOptions} holds the result,
 * {@link io.ringnsq.cli.UsageException} reports a mistake with its exit code.
 */
package io.ringnsq.cli;
