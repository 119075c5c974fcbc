package io.ringnsq.lookup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.ringnsq.transport.testsupport.SocketClient;
import io.ringnsq.transport.testsupport.Wire;

/** One HTTP/1.1 request per connection ({@code Connection: close}), the response read to the close as sent. */
final class HttpClient extends SocketClient<HttpClient>
{
    /** A response: status, headers (lower-case names, the Date header dropped) and the body as text. */
    record Response(int status, Map<String, String> headers, String body)
    {
        String header(final String name)
        {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final InputStream in;
    private final OutputStream out;

    private HttpClient(final Socket socket)
    {
        super(socket);
        in = inputOf(socket);
        out = outputOf(socket);
    }

    @Override
    protected HttpClient self()
    {
        return this;
    }

    @Override
    protected OutputStream output()
    {
        return out;
    }

    static Response get(final int port, final String target)
    {
        return request(port, "GET", target);
    }

    static Response post(final int port, final String target)
    {
        return request(port, "POST", target);
    }

    static Response request(final int port, final String method, final String target)
    {
        try (HttpClient client = new HttpClient(connect(port, 0)))
        {
            client.write(Wire.ascii(method + " " + target + " HTTP/1.1\r\nHost: lookupd\r\nConnection: close\r\n"
                + ("POST".equals(method) ? "Content-Length: 0\r\n" : "") + "\r\n"));
            return parse(client.readToClose(client.in, new ByteArrayOutputStream()));
        }
    }

    private static Response parse(final byte[] bytes)
    {
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0)
        {
            throw new UncheckedIOException(new IOException("no whole response: '" + Wire.escape(bytes) + "'"));
        }
        final String[] lines = text.substring(0, headEnd).split("\r\n");
        final int status = Integer.parseInt(lines[0].split(" ")[1]);
        final Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            final String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
            if (!"date".equals(name))
            {
                headers.put(name, lines[i].substring(colon + 1).trim());
            }
        }
        return new Response(status, headers, text.substring(headEnd + 4));
    }
}
