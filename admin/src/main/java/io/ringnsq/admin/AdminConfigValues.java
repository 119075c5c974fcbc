package io.ringnsq.admin;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.NsqResponses;
import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;

/**
 * {@code GET/PUT /config/:opt} as upstream's nsqadmin {@code doConfig}: only from
 * {@code --allow-config-from-cidr}; PUT changes {@code nsqlookupd_http_addresses} (a JSON array) or
 * {@code log_level} (a level word); GET reads those and the other main options by config-file name.
 */
final class AdminConfigValues
{
    private static final int MAX_BODY = 1024 * 1024;

    private final AdminContext context;
    private final ClusterInfo info;
    private final ObjectMapper json;
    private final Cidr allowed;
    private volatile LogLevel logLevel;

    AdminConfigValues(final AdminContext context, final ClusterInfo info, final ObjectMapper json)
    {
        this.context = context;
        this.info = info;
        this.json = json;
        this.allowed = context.allowConfigFromCidr().isEmpty() ? null : Cidr.parse(context.allowConfigFromCidr());
        this.logLevel = context.logLevel();
    }

    HttpResponse handle(final ApiCall call, final String opt)
    {
        if (allowed != null && !allowed.contains(call.remoteIp()))
        {
            return NsqResponses.error(403, "FORBIDDEN");
        }
        if (call.method().equals("PUT"))
        {
            final byte[] body = call.body();
            if (body.length == 0 || body.length > MAX_BODY)
            {
                return NsqResponses.error(413, "INVALID_VALUE");
            }
            switch (opt)
            {
                case "nsqlookupd_http_addresses" ->
                {
                    try
                    {
                        info.lookupds(json.readValue(body, new TypeReference<List<String>>() { }));
                    }
                    catch (final IOException ex)
                    {
                        return NsqResponses.error(400, "INVALID_VALUE");
                    }
                }
                case "log_level" ->
                {
                    try
                    {
                        logLevel = LogLevel.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                        NsqdLogging.setLevel(logLevel);
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        return NsqResponses.error(400, "INVALID_VALUE");
                    }
                }
                default ->
                {
                    return NsqResponses.error(400, "INVALID_OPTION");
                }
            }
        }
        final Object value = value(opt);
        if (value == null)
        {
            return NsqResponses.error(400, "INVALID_OPTION");
        }
        try
        {
            return NsqResponses.json(json.writeValueAsBytes(value));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private Object value(final String opt)
    {
        return switch (opt)
        {
            case "nsqlookupd_http_addresses" -> info.lookupds();
            case "nsqd_http_addresses" -> info.nsqds();
            case "log_level" -> logLevel.number();
            case "log_prefix" -> context.logPrefix();
            case "http_address" -> context.httpAddress();
            case "base_path" -> context.basePath();
            case "notification_http_endpoint" -> context.notificationHttpEndpoint();
            case "admin_users" -> context.adminUsers();
            case "acl_http_header" -> context.aclHttpHeader();
            case "allow_config_from_cidr" -> context.allowConfigFromCidr();
            case "http_client_connect_timeout" -> context.httpClientConnectTimeout().toNanos();
            case "http_client_request_timeout" -> context.httpClientRequestTimeout().toNanos();
            case "graphite_url" -> context.graphiteUrl();
            case "proxy_graphite" -> context.proxyGraphite();
            case "statsd_prefix" -> context.statsdPrefix();
            case "statsd_counter_format" -> context.statsdCounterFormat();
            case "statsd_gauge_format" -> context.statsdGaugeFormat();
            case "statsd_interval" -> context.statsdInterval().toNanos();
            default -> null;
        };
    }
}
