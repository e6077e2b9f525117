package dev.ballast.engine.data;

import dev.ballast.model.event.MarketData;
import java.util.List;

/**
 * Merges several time-ordered sources into one time-ordered stream, holding only one pending event
 * per source (a binary heap of source heads), so memory does not grow with the data. Events with equal
 * timestamps come out in the order the sources were given, and within a source in the order it
 * produced them, so a merge is reproducible run to run. The merge assumes each source is itself in
 * order; it does not reorder a source that is not. Not thread-safe.
 */
public final class MergedMarketDataSource implements MarketDataSource {
    private final MarketDataSource[] sources;
    private final MarketData[] heads;
    private final long[] headTimes;
    private final int[] heap;
    private int heapSize;
    private boolean started;

    /** Merges {@code sources}; their list order breaks timestamp ties. Nothing is read until {@link #next()}. */
    public MergedMarketDataSource(List<? extends MarketDataSource> sources) {
        this.sources = sources.toArray(new MarketDataSource[0]);
        this.heads = new MarketData[this.sources.length];
        this.headTimes = new long[this.sources.length];
        this.heap = new int[this.sources.length];
    }

    public static MergedMarketDataSource of(MarketDataSource... sources) {
        return new MergedMarketDataSource(List.of(sources));
    }

    @Override
    public MarketData next() {
        if (!started) start();
        if (heapSize == 0) return null;
        int top = heap[0];
        MarketData out = heads[top];
        MarketData following = sources[top].next();
        if (following == null) {
            heads[top] = null;
            heap[0] = heap[--heapSize];
        } else {
            heads[top] = following;
            headTimes[top] = following.timestamp();
        }
        if (heapSize > 1) siftDown(0);
        return out;
    }

    private void start() {
        started = true;
        for (int s = 0; s < sources.length; s++) {
            MarketData first = sources[s].next();
            if (first == null) continue;
            heads[s] = first;
            headTimes[s] = first.timestamp();
            heap[heapSize] = s;
            siftUp(heapSize++);
        }
    }

    private boolean before(int a, int b) {
        long ta = headTimes[a];
        long tb = headTimes[b];
        return ta < tb || (ta == tb && a < b);
    }

    private void siftUp(int index) {
        int item = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(item, heap[parent])) break;
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = item;
    }

    private void siftDown(int index) {
        int item = heap[index];
        int half = heapSize >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < heapSize && before(heap[right], heap[child])) child = right;
            if (!before(heap[child], item)) break;
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = item;
    }

    /** A fresh total of every source's skipped rows, in source order. */
    @Override
    public SkippedRows skippedRows() {
        SkippedRows all = new SkippedRows();
        for (MarketDataSource source : sources) all.addAll(source.skippedRows());
        return all;
    }

    /** Closes every source, even when one fails to close; the first failure is thrown, the rest suppressed. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (MarketDataSource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
