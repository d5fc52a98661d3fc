package com.placebrain.devices.bench;

import com.placebrain.devices.bench.Bench.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rate figures measured against a baseline in the same run: after a warm-up of each, every round
 * measures each figure for the set time, then the baseline; a figure's row gives the medians.
 */
final class RateRounds {

    private RateRounds() {
    }

    /** Something measured: its name in the table and the call it repeats with calls in flight. */
    record Measured(String name, int inFlight, Load.Call call) {
    }

    /** Per-round rates and all failures of one measured thing. */
    private static final class Tally {
        final Measured measured;
        final double[] rates;
        long failed;
        final Map<String, Long> failures = new TreeMap<>();

        Tally(Measured measured, int rounds) {
            this.measured = measured;
            this.rates = new double[rounds];
        }

        void add(int round, Load.Result result) {
            rates[round] = result.perSecond();
            failed += result.failed();
            result.failures().forEach((why, count) -> failures.merge(why, count, Long::sum));
        }

        double median() {
            return Load.median(rates);
        }

        String cell(String unit) {
            StringBuilder cell = new StringBuilder(Bench.number(median()) + " " + unit);
            if (rates.length > 1) {
                cell.append(" (");
                for (int i = 0; i < rates.length; i++) {
                    cell.append(i == 0 ? "" : " / ").append(Bench.number(rates[i]));
                }
                cell.append(')');
            }
            return cell + new Load.Result(0, failed, failures, 1).failureNote();
        }
    }

    static List<Row> compare(Bench bench, String unit, Measured baseline, List<Measured> figures, String parameters)
            throws InterruptedException {
        int rounds = bench.rounds();
        List<Measured> all = new ArrayList<>(figures);
        all.add(baseline);
        for (Measured measured : all) {
            Load.forSeconds(bench.warmupSeconds(), measured.inFlight(), measured.call());
        }
        List<Tally> tallies = all.stream().map(m -> new Tally(m, rounds)).toList();
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("   round " + (round + 1) + ":");
            for (Tally tally : tallies) {
                Load.Result result = Load.forSeconds(bench.seconds(), tally.measured.inFlight(), tally.measured.call());
                tally.add(round, result);
                line.append(String.format(" %s %s %s%s;", tally.measured.name(), Bench.number(result.perSecond()), unit,
                        result.failureNote()));
            }
            System.out.println(line);
        }
        Tally base = tallies.getLast();
        List<Row> rows = new ArrayList<>();
        for (Tally tally : tallies.subList(0, figures.size())) {
            rows.add(new Row(tally.measured.name(), tally.cell(unit), base.measured.name() + ": " + base.cell(unit),
                    Bench.ratio(tally.median(), base.median()), String.valueOf(rounds),
                    String.format("%d in flight, %s s a round; %s", tally.measured.inFlight(),
                            Bench.number(bench.seconds()), parameters)));
        }
        return rows;
    }
}
