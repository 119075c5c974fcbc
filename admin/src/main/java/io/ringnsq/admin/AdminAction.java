package io.ringnsq.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The notification upstream POSTs to {@code --notification-http-endpoint} after each admin action. */
@JsonPropertyOrder({"action", "topic", "channel", "node", "timestamp", "user", "remote_ip", "user_agent", "url", "via"})
record AdminAction(
    @JsonProperty("action") String action,
    @JsonProperty("topic") String topic,
    @JsonProperty("channel") @JsonInclude(JsonInclude.Include.NON_EMPTY) String channel,
    @JsonProperty("node") @JsonInclude(JsonInclude.Include.NON_EMPTY) String node,
    @JsonProperty("timestamp") long timestamp,
    @JsonProperty("user") @JsonInclude(JsonInclude.Include.NON_EMPTY) String user,
    @JsonProperty("remote_ip") String remoteIp,
    @JsonProperty("user_agent") String userAgent,
    @JsonProperty("url") String url,
    @JsonProperty("via") String via)
{
}
