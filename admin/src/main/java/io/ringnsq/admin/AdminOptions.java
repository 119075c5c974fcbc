package io.ringnsq.admin;

import java.time.Duration;
import java.util.List;

import io.ringnsq.cli.Option;
import io.ringnsq.cli.OptionSet;
import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.daemon.DaemonCommandLine;
import io.ringnsq.transport.log.LogLevel;

/**
 * nsqadmin's command-line flags and config-file keys: upstream v1.3.0's names, defaults and help
 * texts ({@code apps/nsqadmin/main.go}). {@code --dev-static-dir} is accepted so upstream command lines and config files
 * keep working; the UI is built into the jar.
 */
public final class AdminOptions implements DaemonCommandLine.Flags<AdminContext>
{
    public static final String PROGRAM = "nsqadmin";

    private final OptionSet set = new OptionSet(PROGRAM);
    private final Option<Boolean> version;
    private final Option<String> logLevel;
    private final Option<String> logPrefix;
    private final Option<String> httpAddress;
    private final Option<String> basePath;
    private final Option<String> graphiteUrl;
    private final Option<Boolean> proxyGraphite;
    private final Option<String> statsdCounterFormat;
    private final Option<String> statsdGaugeFormat;
    private final Option<String> statsdPrefix;
    private final Option<Duration> statsdInterval;
    private final Option<String> notificationHttpEndpoint;
    private final Option<Duration> httpClientConnectTimeout;
    private final Option<Duration> httpClientRequestTimeout;
    private final Option<String> allowConfigFromCidr;
    private final Option<String> aclHttpHeader;
    private final Option<List<String>> adminUsers;
    private final Option<List<String>> lookupdHttpAddresses;
    private final Option<List<String>> nsqdHttpAddresses;
    private final Option<Boolean> tlsInsecureSkipVerify;
    private final Option<String> tlsRootCaFile;
    private final Option<String> tlsCert;
    private final Option<String> tlsKey;

    private AdminOptions()
    {
        final AdminContext defaults = new AdminContext();
        version = set.bool("version", false, "print version string").commandLineOnly();
        logLevel = set.string("log-level", defaults.logLevel().flagName(), "set log verbosity: debug, info, warn, error, or fatal");
        logPrefix = set.string("log-prefix", defaults.logPrefix(), "log message prefix");
        set.deprecated("verbose", "[deprecated] has no effect, use --log-level");
        httpAddress = set.string("http-address", defaults.httpAddress(), "<addr>:<port> to listen on for HTTP clients");
        basePath = set.string("base-path", defaults.basePath(), "URL base path");
        set.string("dev-static-dir", "", "(development use only)");
        graphiteUrl = set.string("graphite-url", defaults.graphiteUrl(), "graphite HTTP address");
        proxyGraphite = set.bool("proxy-graphite", false, "proxy HTTP requests to graphite");
        statsdCounterFormat = set.string("statsd-counter-format", defaults.statsdCounterFormat(),
            "The counter stats key formatting applied by the implementation of statsd."
            + " If no formatting is desired, set this to an empty string.");
        statsdGaugeFormat = set.string("statsd-gauge-format", defaults.statsdGaugeFormat(),
            "The gauge stats key formatting applied by the implementation of statsd."
            + " If no formatting is desired, set this to an empty string.");
        statsdPrefix = set.string("statsd-prefix", defaults.statsdPrefix(),
            "prefix used for keys sent to statsd (%s for host replacement, must match nsqd)");
        statsdInterval = set.duration("statsd-interval", defaults.statsdInterval(),
            "time interval nsqd is configured to push to statsd (must match nsqd)");
        notificationHttpEndpoint = set.string("notification-http-endpoint", defaults.notificationHttpEndpoint(),
            "HTTP endpoint (fully qualified) to which POST notifications of admin actions will be sent");
        httpClientConnectTimeout = set.duration("http-client-connect-timeout", defaults.httpClientConnectTimeout(),
            "timeout for HTTP connect");
        httpClientRequestTimeout = set.duration("http-client-request-timeout", defaults.httpClientRequestTimeout(),
            "timeout for HTTP request");
        tlsInsecureSkipVerify = set.bool("http-client-tls-insecure-skip-verify", false,
            "configure the HTTP client to skip verification of TLS certificates");
        tlsRootCaFile = set.string("http-client-tls-root-ca-file", "", "CA file to use when connecting to TLS servers");
        tlsCert = set.string("http-client-tls-cert", "", "path to certificate file for the HTTP client");
        tlsKey = set.string("http-client-tls-key", "", "path to key file for the HTTP client");
        allowConfigFromCidr = set.string("allow-config-from-cidr", defaults.allowConfigFromCidr(),
            "A CIDR from which to allow HTTP requests to the /config endpoint");
        aclHttpHeader = set.string("acl-http-header", defaults.aclHttpHeader(),
            "HTTP header to check for authenticated admin users");
        adminUsers = set.stringList("admin-user", "admin user (may be given multiple times; if specified, only these users will be"
            + " able to perform privileged actions; acl-http-header is used to determine the authenticated user)")
            .configKey("admin_users");
        lookupdHttpAddresses = set.stringList("lookupd-http-address", "lookupd HTTP address (may be given multiple times)")
            .configKey("nsqlookupd_http_addresses");
        nsqdHttpAddresses = set.stringList("nsqd-http-address", "nsqd HTTP address (may be given multiple times)")
            .configKey("nsqd_http_addresses");
    }

    public static AdminOptions declare()
    {
        return new AdminOptions();
    }

    @Override
    public Option<Boolean> version()
    {
        return version;
    }

    @Override
    public String usage()
    {
        return set.usage();
    }

    /** Reads the command line and the {@code --config} file; a bad {@code --log-level} exits 2 as Go's flag package does. */
    @Override
    public ParsedOptions parse(final String... args) throws UsageException
    {
        final ParsedOptions parsed = set.parse(args);
        if (parsed.helpRequested() || parsed.get(version))
        {
            return parsed;
        }
        final String level = parsed.get(logLevel);
        try
        {
            LogLevel.parse(level);
        }
        catch (final IllegalArgumentException ex)
        {
            throw DaemonCommandLine.badLogLevelFlag(PROGRAM, level, ex);
        }
        return parsed;
    }

    /** The context the parse result describes, not yet concluded. */
    @Override
    public AdminContext toContext(final ParsedOptions parsed)
    {
        return new AdminContext()
            .logLevel(LogLevel.parse(parsed.get(logLevel)))
            .logPrefix(parsed.get(logPrefix))
            .httpAddress(parsed.get(httpAddress))
            .basePath(parsed.get(basePath))
            .graphiteUrl(parsed.get(graphiteUrl))
            .proxyGraphite(parsed.get(proxyGraphite))
            .statsdPrefix(parsed.get(statsdPrefix))
            .statsdCounterFormat(parsed.get(statsdCounterFormat))
            .statsdGaugeFormat(parsed.get(statsdGaugeFormat))
            .statsdInterval(parsed.get(statsdInterval))
            .notificationHttpEndpoint(parsed.get(notificationHttpEndpoint))
            .httpClientConnectTimeout(parsed.get(httpClientConnectTimeout))
            .httpClientRequestTimeout(parsed.get(httpClientRequestTimeout))
            .allowConfigFromCidr(parsed.get(allowConfigFromCidr))
            .aclHttpHeader(parsed.get(aclHttpHeader))
            .adminUsers(parsed.get(adminUsers))
            .lookupdHttpAddresses(parsed.get(lookupdHttpAddresses))
            .nsqdHttpAddresses(parsed.get(nsqdHttpAddresses))
            .httpClientTlsInsecureSkipVerify(parsed.get(tlsInsecureSkipVerify))
            .httpClientTlsRootCaFile(parsed.get(tlsRootCaFile))
            .httpClientTlsCert(parsed.get(tlsCert))
            .httpClientTlsKey(parsed.get(tlsKey));
    }
}
