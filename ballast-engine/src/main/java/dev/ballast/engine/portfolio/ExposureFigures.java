package dev.ballast.engine.portfolio;

/**
 * Exposure of the account or one strategy at the marks, raw fixed-point: its position in one symbol,
 * gross and net exposure, the number of open positions, and the value of the position in that symbol.
 */
public record ExposureFigures(long position, long grossExposure, long netExposure, int openPositions,
                              long symbolValue) {
}
