package dev.ballast.adapter.alpaca;

import dev.ballast.adapter.alpaca.AlpacaFake.PostFailure;
import dev.ballast.engine.broker.Secret;
import dev.ballast.model.OrderSide;
import dev.ballast.model.event.OrderRejected;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The API secret goes to Alpaca and nowhere else: no log, no report, no exception, no toString. */
class AlpacaSecretTest {

    @Test
    void theSecretNeverAppearsInLogsReportsExceptionsOrSettings() throws Exception {
        List<String> captured = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // The fake venue's own server logs the headers it receives, as Alpaca's might: not ours to judge.
                String source = record.getLoggerName() == null ? "" : record.getLoggerName();
                if (source.startsWith("org.eclipse.jetty") || source.startsWith("io.javalin")) return;
                synchronized (captured) {
                    captured.add(record.getMessage() + " " + record.getThrown());
                    if (record.getThrown() != null) captured.add(stackTrace(record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (AlpacaTestBench bench = AlpacaTestBench.connected()) {
            captured.add(bench.fake.settings().toString());
            bench.fake.failNextOrderPosts(PostFailure.SERVER_ERROR, PostFailure.SERVER_ERROR, PostFailure.SERVER_ERROR,
                    PostFailure.SERVER_ERROR, PostFailure.SERVER_ERROR);
            bench.broker.submit(bench.market("AAPL", OrderSide.BUY, "1"));
            captured.add(bench.sink.await(OrderRejected.class).reason());
            bench.fake.failNextRequests("GET /v2/orders", 500);
            try {
                bench.broker.queryState().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                captured.add(stackTrace(e));
            }
            bench.fake.dropStream();
            bench.sink.awaitConnections(3);
            bench.sink.connections().forEach(change -> captured.add(change.toString()));
            bench.sink.reports().forEach(report -> captured.add(report.toString()));
        } finally {
            System.setErr(originalErr);
            root.removeHandler(handler);
            root.setLevel(previous);
        }
        captured.add(err.toString(StandardCharsets.UTF_8));
        captured.add(Secret.of(AlpacaFake.SECRET).toString());

        assertThat(captured).isNotEmpty().noneMatch(text -> text.contains(AlpacaFake.SECRET));
        assertThat(String.join("\n", captured)).contains("HTTP 500").contains("(hidden)");
    }

    private static String stackTrace(Throwable thrown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        thrown.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
