package ai.darwin.training.harness.run;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HarnessBudgetTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void tokenBudgetIsExhaustedByTheTokensDrawn() {
        HarnessBudget budget = new HarnessBudget(1000, 0, nanos::get);
        budget.start();

        assertThat(budget.charge(600)).isNull();
        assertThat(budget.exhausted()).isFalse();
        assertThat(budget.fractionUsed()).isCloseTo(0.6, within(1e-12));
        assertThat(budget.charge(600)).isNull();
        assertThat(budget.exhausted()).isTrue();
        assertThat(budget.fractionUsed()).isEqualTo(1.0);
        assertThat(budget.charge(600)).contains("token budget of 1000");
        assertThat(budget.tokensOverdrawn()).isTrue();
        assertThat(budget.tokensUsed()).isEqualTo(1200);
    }

    @Test
    void timeBudgetCountsFromStartAndAllowsAGrace() {
        HarnessBudget budget = new HarnessBudget(0, 100, nanos::get);
        nanos.set(5_000_000_000L);
        budget.start();

        nanos.addAndGet(50_000_000_000L);
        assertThat(budget.exhausted()).isFalse();
        assertThat(budget.fractionUsed()).isCloseTo(0.5, within(1e-9));
        nanos.addAndGet(55_000_000_000L);
        assertThat(budget.exhausted()).isTrue();
        assertThat(budget.pastGrace()).isFalse();
        assertThat(budget.charge(10)).isNull();
        nanos.addAndGet(6_000_000_000L);
        assertThat(budget.pastGrace()).isTrue();
        assertThat(budget.charge(10)).contains("time budget");
        assertThat(budget.timeOverrun()).isTrue();
    }

    @Test
    void theFirstLimitReachedWins() {
        HarnessBudget budget = new HarnessBudget(1000, 10, nanos::get);
        budget.start();
        budget.charge(100);
        nanos.addAndGet(9_000_000_000L);

        assertThat(budget.fractionUsed()).isCloseTo(0.9, within(1e-9));
        nanos.addAndGet(1_000_000_000L);
        assertThat(budget.exhausted()).isTrue();
    }
}
