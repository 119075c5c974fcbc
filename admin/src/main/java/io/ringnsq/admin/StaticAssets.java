package io.ringnsq.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.ringnsq.transport.http.HttpHeaders;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.NsqResponses;

/**
 * The web UI, read from the jar once at start-up so the I/O agent answers from memory: the page every UI route
 * gets (the base path written into it) and the files under {@code /static/}. Nothing is fetched at run time.
 */
final class StaticAssets
{
    private static final String ROOT = "/io/ringnsq/admin/static/";
    /** Every file the UI has: a fixed list, since a jar's folder cannot be listed portably. */
    private static final String[] FILES = {"app.css", "app.js", "charts.js", "favicon.svg"};

    private final HttpResponse index;
    private final Map<String, HttpResponse> files = new HashMap<>();
    private final HttpResponse notFound = NsqResponses.error(404, "NOT_FOUND");

    StaticAssets(final String basePath, final boolean lookupdMode)
    {
        final String base = basePath.equals("/") ? "" : basePath;
        final String html = new String(read("index.html"), StandardCharsets.UTF_8)
            .replace("{{BASE_PATH}}", base)
            .replace("{{MODE}}", lookupdMode ? "lookupd" : "nsqd");
        index = HttpResponse.of(200, HttpHeaders.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-cache"),
            html.getBytes(StandardCharsets.UTF_8));
        for (final String file : FILES)
        {
            files.put(file, HttpResponse.of(200, HttpHeaders.of("Content-Type", contentType(file), "Cache-Control", "no-cache"),
                read(file)));
        }
    }

    HttpResponse index()
    {
        return index;
    }

    HttpResponse file(final String name)
    {
        return files.getOrDefault(name, notFound);
    }

    private static String contentType(final String file)
    {
        if (file.endsWith(".js"))
        {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css"))
        {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".svg"))
        {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    private static byte[] read(final String name)
    {
        try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name))
        {
            if (in == null)
            {
                throw new IllegalStateException("the jar lacks the UI file " + ROOT + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
