package ai.darwin.training.worker;

import ai.darwin.training.harness.ProgressPoint;
import java.util.Optional;

/**
 * A variant's training curve as it arrives, turned into progress reports: the latest point, the throughput since
 * the previous report, the fraction of the budget spent and the time left. Points arrive on the sandbox's thread and
 * reports are taken on the publishing one.
 */
final class ProgressReports {

    /**
     * @param step            optimizer steps
     * @param tokens          training tokens drawn
     * @param trainLoss       the program's latest training loss
     * @param tokensPerSecond throughput since the previous report
     * @param etaSeconds      estimated seconds until the budget is spent
     * @param fractionDone    0..1 of the budget
     */
    record Report(long step, long tokens, double trainLoss, double tokensPerSecond, double etaSeconds,
                  double fractionDone) {
    }

    private final long maxTokens;
    private final double maxSeconds;
    private ProgressPoint latest;
    private ProgressPoint reported;

    ProgressReports(long maxTokens, double maxSeconds) {
        this.maxTokens = maxTokens;
        this.maxSeconds = maxSeconds;
    }

    /** A point the program reported; a NaN or infinite loss is left out (the result will say NAN_LOSS). */
    synchronized void record(ProgressPoint point) {
        if (Double.isFinite(point.trainLoss())) {
            latest = point;
        }
    }

    /** @return a report of the latest point, when one arrived since the previous report */
    synchronized Optional<Report> next() {
        if (latest == null || latest == reported) {
            return Optional.empty();
        }
        ProgressPoint point = latest;
        double rate;
        if (reported != null && point.seconds() > reported.seconds()) {
            rate = (point.tokens() - reported.tokens()) / (point.seconds() - reported.seconds());
        } else {
            rate = point.seconds() > 0 ? point.tokens() / point.seconds() : 0;
        }
        reported = point;
        double tokenFraction = maxTokens > 0 ? (double) point.tokens() / maxTokens : 0;
        double timeFraction = maxSeconds > 0 ? point.seconds() / maxSeconds : 0;
        double fraction = Math.min(1, Math.max(0, Math.max(tokenFraction, timeFraction)));
        double eta = Double.POSITIVE_INFINITY;
        if (maxSeconds > 0) {
            eta = maxSeconds - point.seconds();
        }
        if (maxTokens > 0 && rate > 0) {
            eta = Math.min(eta, (maxTokens - point.tokens()) / rate);
        }
        if (!Double.isFinite(eta)) {
            eta = 0;
        }
        return Optional.of(new Report(Math.max(0, point.step()), Math.max(0, point.tokens()), point.trainLoss(),
                Math.max(0, rate), Math.max(0, eta), fraction));
    }
}
