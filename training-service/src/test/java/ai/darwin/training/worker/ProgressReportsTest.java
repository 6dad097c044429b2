package ai.darwin.training.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.darwin.training.harness.ProgressPoint;
import org.junit.jupiter.api.Test;

class ProgressReportsTest {

    @Test
    void aReportCarriesTheLatestPointTheRateSinceThePreviousOneAndTheTimeLeft() {
        ProgressReports reports = new ProgressReports(10_000, 0);
        reports.record(new ProgressPoint(10, 1000, 1.0, 3.5));
        reports.record(new ProgressPoint(20, 2000, 2.0, 3.0));

        ProgressReports.Report first = reports.next().orElseThrow();

        assertThat(first.step()).isEqualTo(20);
        assertThat(first.tokens()).isEqualTo(2000);
        assertThat(first.trainLoss()).isEqualTo(3.0);
        assertThat(first.tokensPerSecond()).isEqualTo(1000);
        assertThat(first.fractionDone()).isEqualTo(0.2);
        assertThat(first.etaSeconds()).isCloseTo(8.0, within(1e-9));
        assertThat(reports.next()).as("nothing new since").isEmpty();

        reports.record(new ProgressPoint(30, 5000, 3.0, 2.5));
        assertThat(reports.next().orElseThrow().tokensPerSecond()).isEqualTo(3000);
    }

    @Test
    void aTimeBudgetCountsDownItsSecondsAndANanLossIsNotReported() {
        ProgressReports reports = new ProgressReports(0, 60);
        reports.record(new ProgressPoint(5, 500, 15.0, 4.0));
        reports.record(new ProgressPoint(6, 600, 16.0, Double.NaN));

        ProgressReports.Report report = reports.next().orElseThrow();

        assertThat(report.step()).isEqualTo(5);
        assertThat(report.fractionDone()).isEqualTo(0.25);
        assertThat(report.etaSeconds()).isEqualTo(45);
    }

    @Test
    void theFractionNeverPassesOne() {
        ProgressReports reports = new ProgressReports(100, 0);
        reports.record(new ProgressPoint(1, 150, 1.0, 4.0));

        assertThat(reports.next().orElseThrow().fractionDone()).isEqualTo(1);
    }
}
