/**
 * An HTTP/1.1 server on ringnsq's NIO agents, speaking as Go's net/http does (status texts, header
 * layout, keep-alive rules, error answers), for nsqd's, nsqlookupd's and nsqadmin's HTTP APIs. It
 * knows no endpoint: an {@link io.ringnsq.transport.http.HttpService} answers the requests.
 *
 * <pre>
 *  socket ─read─> HttpHandler (one per connection)                       ┌─ onRequest ─> respond now
 *                 head ─> service.bodyLimit(head) ─> body (CL, chunked) ─┤
 *                 answers written in request order <──────────────────── └─ engine command ... onEngineEvent ─> respond
 * </pre>
 *
 * <p>A service answering one request at once and another from an engine event:
 * <pre>{@code
 * final class Api implements HttpService {
 *     static final HttpHeaders V1 = HttpHeaders.of("X-NSQ-Content-Type", "nsq; version=1.0");
 *     static final BodyLimit PUB = BodyLimit.upTo(1 << 20, HttpResponse.of(413, V1, "{\"message\":\"MSG_TOO_BIG\"}"));
 *     public BodyLimit bodyLimit(HttpRequest head) { return head.path().equals("/pub") ? PUB : BodyLimit.DISCARD; }
 *     public void onRequest(HttpExchange x) {
 *         if (x.request().path().equals("/ping")) { x.respond(200, HttpHeaders.EMPTY, OK); return; }
 *         long seq = x.link().claimCommand();                 // room for one command is guaranteed here
 *         CommandEvent e = x.link().command(seq);
 *         e.type = CommandType.HTTP_PUB; e.connectionId = x.connectionId();
 *         e.topic = x.request().query("topic"); e.body = x.request().body();
 *         x.link().publishCommand(seq);                        // the answer waits for the engine
 *     }
 *     public void onEngineEvent(HttpExchange x, OutboundEvent event) { x.respond(200, V1, OK); }
 * }
 * listenerAgent.addListener(serverChannel, HttpHandler.factory(new Api(), HttpServerConfig.defaults()));
 * }</pre>
 */
package io.ringnsq.transport.http;
