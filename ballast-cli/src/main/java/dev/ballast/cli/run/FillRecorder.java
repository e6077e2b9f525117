package dev.ballast.cli.run;

import dev.ballast.engine.bus.EngineEventListener;
import dev.ballast.model.event.EngineEvent;
import dev.ballast.model.event.FillBooked;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every booked fill of a run for the fills file. Engine thread only. */
final class FillRecorder implements EngineEventListener {
    private final List<FillBooked> fills = new ArrayList<>();

    @Override
    public void on(EngineEvent event) {
        if (event instanceof FillBooked booked) fills.add(booked);
    }

    List<FillBooked> fills() {
        return Collections.unmodifiableList(fills);
    }
}
