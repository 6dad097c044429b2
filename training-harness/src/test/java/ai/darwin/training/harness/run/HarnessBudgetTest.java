package ai.darwin.training.harness.run;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HarnessBudgetTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void tokenBudgetIsExhaustedWhenTheNextBatchWouldNotFit() {
        HarnessBudget budget = new HarnessBudget(1000, 0, nanos::get);
        budget.start();

        assertThat(budget.charge(3, 100)).isNull();
        assertThat(budget.exhausted()).isFalse();
        assertThat(budget.fractionUsed()).isCloseTo(0.3, within(1e-12));
        assertThat(budget.charge(3, 100)).isNull();
        assertThat(budget.charge(3, 100)).isNull();
        assertThat(budget.tokensUsed()).isEqualTo(900);
        assertThat(budget.exhausted()).as("a fourth batch of 300 would pass 1000").isTrue();
        assertThat(budget.tokensOverdrawn()).isFalse();
        assertThat(budget.longestContext()).isEqualTo(100);
    }

    @Test
    void aBatchThatWouldPassTheTokenLimitIsRefusedAndNothingIsCounted() {
        HarnessBudget budget = new HarnessBudget(768, 0, nanos::get);
        budget.start();

        // the attack: one oversized batch drew 1.28 M tokens against a budget of 768
        assertThat(budget.charge(20_000, 64)).contains("would take the 0 tokens drawn past the token budget of 768");
        assertThat(budget.tokensUsed()).isZero();
        assertThat(budget.tokensOverdrawn()).isTrue();
        assertThat(budget.charge(12, 64)).isNull();
        assertThat(budget.tokensUsed()).isEqualTo(768);
        assertThat(budget.exhausted()).isTrue();
        assertThat(budget.charge(1, 1)).contains("token budget of 768");
    }

    @Test
    void aSpentBudgetRefusesEveryBatch() {
        HarnessBudget budget = HarnessBudget.spent(1000, 10);

        assertThat(budget.exhausted()).isTrue();
        assertThat(budget.fractionUsed()).isEqualTo(1.0);
        assertThat(budget.maxTokens()).isEqualTo(1000);
        assertThat(budget.charge(1, 1)).contains("rebuilds the model for evaluation");
        assertThat(budget.tokensUsed()).isZero();
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
        assertThat(budget.charge(1, 10)).isNull();
        nanos.addAndGet(6_000_000_000L);
        assertThat(budget.pastGrace()).isTrue();
        assertThat(budget.charge(1, 10)).contains("time budget");
        assertThat(budget.timeOverrun()).isTrue();
    }

    @Test
    void theFirstLimitReachedWins() {
        HarnessBudget budget = new HarnessBudget(1000, 10, nanos::get);
        budget.start();
        budget.charge(1, 100);
        nanos.addAndGet(9_000_000_000L);

        assertThat(budget.fractionUsed()).isCloseTo(0.9, within(1e-9));
        nanos.addAndGet(1_000_000_000L);
        assertThat(budget.exhausted()).isTrue();
    }
}
