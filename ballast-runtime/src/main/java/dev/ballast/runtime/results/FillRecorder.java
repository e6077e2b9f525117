package dev.ballast.runtime.results;

import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every booked fill of a run for the fills file. Engine thread only. */
public final class FillRecorder implements EngineEventListener {
    private final List<FillBooked> fills = new ArrayList<>();

    @Override
    public void on(EngineEvent event) {
        if (event instanceof FillBooked booked) fills.add(booked);
    }

    public List<FillBooked> fills() {
        return Collections.unmodifiableList(fills);
    }
}
