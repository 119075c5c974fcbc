package io.ringnsq.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.ringnsq.transport.http.HttpHeaders;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.NsqResponses;

/**
 * The web UI, read from the jar once at start-up so the I/O agent answers from memory: the page every UI route
 * gets (the base path, the mode and the graph settings written into it) and the files under {@code /static/}, each
 * also gzipped ahead of time for browsers that accept it (as upstream serves them). Nothing is fetched at run time.
 */
final class StaticAssets
{
    private static final String ROOT = "/io/ringnsq/admin/static/";
    /** Every file the UI has: a fixed list, since a jar's folder cannot be listed portably. */
    private static final String[] FILES = {"app.css", "app.js", "charts.js", "graphs.js", "favicon.svg"};

    private final Asset index;
    private final Map<String, Asset> files = new HashMap<>();
    private final HttpResponse notFound = NsqResponses.error(404, "NOT_FOUND");

    /** @param graphAttributes the body's graph settings ({@link GraphPageSettings#attributes}) */
    StaticAssets(final String basePath, final boolean lookupdMode, final String graphAttributes)
    {
        final String base = basePath.equals("/") ? "" : basePath;
        final String html = new String(read("index.html"), StandardCharsets.UTF_8)
            .replace("{{BASE_PATH}}", base)
            .replace("{{MODE}}", lookupdMode ? "lookupd" : "nsqd")
            .replace("{{GRAPHS}}", graphAttributes);
        index = new Asset("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        for (final String file : FILES)
        {
            files.put(file, new Asset(contentType(file), read(file)));
        }
    }

    /** One file in both encodings. */
    private static final class Asset
    {
        private final HttpResponse plain;
        private final HttpResponse gzipped;

        Asset(final String contentType, final byte[] body)
        {
            plain = HttpResponse.of(200, HttpHeaders.of("Content-Type", contentType, "Cache-Control", "no-cache",
                "Vary", "Accept-Encoding"), body);
            gzipped = HttpResponse.of(200, HttpHeaders.of("Content-Type", contentType, "Cache-Control", "no-cache",
                "Vary", "Accept-Encoding", "Content-Encoding", "gzip"), gzip(body));
        }

        HttpResponse as(final boolean gzip)
        {
            return gzip ? gzipped : plain;
        }
    }

    HttpResponse index(final boolean gzip)
    {
        return index.as(gzip);
    }

    HttpResponse file(final String name, final boolean gzip)
    {
        final Asset asset = files.get(name);
        return asset == null ? notFound : asset.as(gzip);
    }

    /** Whether an Accept-Encoding header takes gzip (a {@code q=0} refusal aside). */
    static boolean acceptsGzip(final String acceptEncoding)
    {
        if (acceptEncoding == null)
        {
            return false;
        }
        for (final String part : acceptEncoding.split(","))
        {
            final String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip"))
            {
                return coding.length < 2 || !coding[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    private static byte[] gzip(final byte[] body)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out))
        {
            zip.write(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
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
