package dev.ballast.cli.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects one HTTP response body into memory, refusing more than a byte limit: a declared
 * {@code Content-Length} above it fails before any byte is read, and a body that grows past it (an
 * endless chunked stream included) fails as soon as it does, cancelling the transfer. The failure is a
 * {@link TooLargeException}. It also records whether the response headers arrived, so that a deadline
 * that expires can say whether the service was silent or was still sending its body.
 *
 * <p>One instance per request. The HTTP client calls it on its own threads; {@link #headersArrived()} may be
 * read from any thread.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
    private final long limit;
    private volatile boolean headersArrived;

    BoundedBodyHandler(long limit) {
        this.limit = limit;
    }

    /** The body was, or was about to become, larger than the limit. */
    static final class TooLargeException extends IOException {
        private final long limit;

        TooLargeException(long limit) {
            super("answer larger than " + limit + " bytes", null);
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    boolean headersArrived() {
        return headersArrived;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        headersArrived = true;
        return new Collector(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** Accumulates the body's buffers while they fit under the limit. */
    private static final class Collector implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final long declared;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Collector(long limit, long declared) {
            this.limit = limit;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declared > limit) {
                refuse();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) return;
            for (ByteBuffer buffer : buffers) {
                if ((long) bytes.size() + buffer.remaining() > limit) {
                    refuse();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        private void refuse() {
            subscription.cancel();   // stop the transfer: the rest of the body is not read
            body.completeExceptionally(new TooLargeException(limit));
        }
    }
}
