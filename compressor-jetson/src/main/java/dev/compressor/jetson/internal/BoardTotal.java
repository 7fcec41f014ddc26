package dev.compressor.jetson.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which rails make up a board's total power, and why. Immutable.
 *
 * <p>The rule: where the board has an input rail ({@code VDD_IN} on TX1, TX2, TX2 NX, Xavier NX,
 * Orin NX and Orin Nano; {@code POM_5V_IN} on Nano) that rail alone is the total and no other rail
 * is added to it. Boards without one (AGX Xavier, AGX Orin) report the sum of their rails, minus
 * the rails known to be fed by another listed rail (on AGX Orin {@code VIN_SYS_5V0} feeds
 * {@code VDDQ_VDD2_1V8AO}), and the explanation names every rail used: never a silent sum.
 *
 * @param rails the rails whose power is added to make the total, in board order
 * @param explanation one sentence saying how the total was chosen
 */
public record BoardTotal(List<String> rails, String explanation) {

    /** Board input rails, in order of preference. */
    private static final List<String> INPUT_RAILS = List.of("VDD_IN", "POM_5V_IN");

    /** Rail to the rail that feeds it, on boards without an input rail. */
    private static final Map<String, String> FED_BY = Map.of("VDDQ_VDD2_1V8AO", "VIN_SYS_5V0");

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if no rail is named
     */
    public BoardTotal {
        rails = List.copyOf(rails);
        if (rails.isEmpty()) {
            throw new IllegalArgumentException("a board total needs at least one rail, got none");
        }
        Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * Applies the board-total rule to the rails a board reports.
     *
     * @param available rail names as the board reports them ({@code NC} channels already removed)
     * @return the total and its explanation
     * @throws IllegalArgumentException if {@code available} is empty
     */
    public static BoardTotal choose(List<String> available) {
        if (available.isEmpty()) {
            throw new IllegalArgumentException("no rails to make a board total from");
        }
        for (String input : INPUT_RAILS) {
            if (available.contains(input)) {
                return new BoardTotal(List.of(input), input + " is the board's input rail, so it alone is the total"
                        + " (the other rails are parts of it and are not added)");
            }
        }
        List<String> used = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String rail : available) {
            String feeder = FED_BY.get(rail);
            if (feeder != null && available.contains(feeder)) {
                excluded.add(rail + " (fed by " + feeder + ")");
            } else {
                used.add(rail);
            }
        }
        String text = "no board input rail: total is the sum of " + String.join(", ", used)
                + (excluded.isEmpty() ? "" : "; excluded " + String.join(", ", excluded) + " to avoid double counting")
                + "; carrier-board consumption is not included";
        return new BoardTotal(used, text);
    }

    /**
     * Uses rails a caller named explicitly.
     *
     * @param chosen the rails to add
     * @param available the rails the board reports
     * @return the total
     * @throws IllegalArgumentException if a chosen rail is not available, with the available ones
     */
    public static BoardTotal explicit(List<String> chosen, List<String> available) {
        for (String rail : chosen) {
            if (!available.contains(rail)) {
                throw new IllegalArgumentException("rail '" + rail + "' is not on this board; available: " + available);
            }
        }
        return new BoardTotal(chosen, "total is the sum of the rails chosen by the caller: " + String.join(", ", chosen));
    }
}
