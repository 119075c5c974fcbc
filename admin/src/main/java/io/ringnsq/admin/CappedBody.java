package io.ringnsq.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit: past it the download is cancelled and the body fails, so a
 * server that answers without end (or a far larger file than asked for) costs at most the limit. One response.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]>
{
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(final int limit)
    {
        this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody()
    {
        return body;
    }

    @Override
    public void onSubscribe(final Flow.Subscription subscription)
    {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> buffers)
    {
        for (final ByteBuffer buffer : buffers)
        {
            if (body.isDone())
            {
                return;
            }
            if (bytes.size() + (long)buffer.remaining() > limit)
            {
                subscription.cancel();
                body.completeExceptionally(new IOException("the answer is larger than " + limit + " bytes"));
                return;
            }
            final byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(final Throwable failure)
    {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete()
    {
        body.complete(bytes.toByteArray());
    }
}
