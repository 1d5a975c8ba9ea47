package cn.healthassist.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

import cn.healthassist.problems.CaseRejectedException;

/** The months of the referral report: at most 60, both ends included; never backwards. */
class ReferralReportRangeTest {

	@Test
	void sixtyMonths_areCounted() {
		YearMonth[] r = ReferralReportController.range("2021-01", "2025-12");
		assertThat(r).containsExactly(YearMonth.of(2021, 1), YearMonth.of(2025, 12));
	}

	@Test
	void sixtyOneMonths_areRefusedClearly() {
		assertThatThrownBy(() -> ReferralReportController.range("2021-01", "2026-01"))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining("60");
	}

	@Test
	void aRangeBackwards_isRefused() {
		assertThatThrownBy(() -> ReferralReportController.range("2026-02", "2026-01"))
			.isInstanceOf(CaseRejectedException.class);
	}

}
