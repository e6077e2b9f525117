package dev.ballast.engine.journal.codec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A payload that does not fit what it is read as ({@link PayloadReader}) or bound to ({@link RecordDecoder}); carries
 * the field path ({@code order.request.side}, {@code strategies[1].id}), built as the reader unwinds. Internal: both
 * turn it into a {@link JournalException} naming the type, the path and the problem.
 */
final class PayloadProblem extends RuntimeException {
    private final Deque<String> path = new ArrayDeque<>();

    PayloadProblem(String message) {
        super(message, null, false, false);
    }

    /** Adds the enclosing field or index ({@code [2]}) to the path. */
    PayloadProblem at(String segment) {
        path.addFirst(segment);
        return this;
    }

    boolean hasPath() {
        return !path.isEmpty();
    }

    String path() {
        StringBuilder out = new StringBuilder();
        for (String s : path) {
            if (!out.isEmpty() && !s.startsWith("[")) out.append('.');
            out.append(s);
        }
        return out.toString();
    }
}
