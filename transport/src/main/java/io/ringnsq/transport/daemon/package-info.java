/**
 * What every NSQ daemon's {@code main} shares: reporting command-line errors as upstream does, and a clean
 * exit with 0 on SIGTERM or SIGINT.
 */
package io.ringnsq.transport.daemon;
