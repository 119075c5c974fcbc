package io.ringnsq.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One consumer connection as nsqadmin shows it (upstream's {@code clusterinfo.ClientStats}): read
 * from an nsqd's {@code /stats} client object, plus the node it is on and how long it has been connected.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"node", "remote_address", "version", "client_id", "hostname", "user_agent", "connect_ts", "connected",
    "in_flight_count", "ready_count", "finish_count", "requeue_count", "message_count", "sample_rate", "deflate", "snappy",
    "authed", "auth_identity", "auth_identity_url", "tls", "tls_cipher_suite", "tls_version", "tls_negotiated_protocol",
    "tls_negotiated_protocol_is_mutual"})
public final class ClientStats
{
    @JsonProperty("node") public String node = "";
    @JsonProperty("remote_address") public String remoteAddress = "";
    @JsonProperty("version") public String version = "";
    @JsonProperty("client_id") public String clientId = "";
    @JsonProperty("hostname") public String hostname = "";
    @JsonProperty("user_agent") public String userAgent = "";
    @JsonProperty("connect_ts") public long connectTs;
    /** Nanoseconds, as Go's time.Duration marshals: now (whole seconds) less connect_ts. */
    @JsonProperty("connected") public long connected;
    @JsonProperty("in_flight_count") public long inFlightCount;
    @JsonProperty("ready_count") public long readyCount;
    @JsonProperty("finish_count") public long finishCount;
    @JsonProperty("requeue_count") public long requeueCount;
    @JsonProperty("message_count") public long messageCount;
    @JsonProperty("sample_rate") public long sampleRate;
    @JsonProperty("deflate") public boolean deflate;
    @JsonProperty("snappy") public boolean snappy;
    @JsonProperty("authed") public boolean authed;
    @JsonProperty("auth_identity") public String authIdentity = "";
    @JsonProperty("auth_identity_url") public String authIdentityUrl = "";
    @JsonProperty("tls") public boolean tls;
    @JsonProperty("tls_cipher_suite") public String tlsCipherSuite = "";
    @JsonProperty("tls_version") public String tlsVersion = "";
    @JsonProperty("tls_negotiated_protocol") public String tlsNegotiatedProtocol = "";
    @JsonProperty("tls_negotiated_protocol_is_mutual") public boolean tlsNegotiatedProtocolIsMutual;
}
