package dev.ballast.runtime.results;

import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;
import dev.ballast.model.event.FillBustBooked;
import dev.ballast.model.event.FillCorrectionBooked;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the fills of a run that stand at its end, for the fills file: every booked fill in booking order, a fill the
 * venue corrected in its place with the corrected quantity, price and commission, a busted one left out. So the file
 * adds up to the books; the journal keeps the corrections and busts themselves. Engine thread only.
 */
public final class FillRecorder implements EngineEventListener {
    private final Map<String, FillBooked> fills = new LinkedHashMap<>();

    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case FillBooked booked -> fills.put(booked.fill().tradeId(), booked);
            // Same key: the corrected fill keeps its row, and the time it was first booked.
            case FillCorrectionBooked corrected -> fills.computeIfPresent(corrected.corrected().tradeId(),
                    (tradeId, booked) -> new FillBooked(corrected.corrected(), booked.strategyId(), booked.timestamp()));
            case FillBustBooked busted -> fills.remove(busted.original().tradeId());
            default -> { }
        }
    }

    /** The standing fills, in booking order. */
    public List<FillBooked> fills() {
        return List.copyOf(fills.values());
    }
}
