package cn.healthassist.charity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;

/** The grant registry (ha_grant): amounts to the fen, one use of each payment voucher, a person's yearly total. */
@MapperSliceTest
class GrantMapperTest {

	private static final String ZHOU = "341523195607081235";

	@Autowired
	private GrantMapper mapper;

	private static BigDecimal yuan(String amount) {
		return new BigDecimal(amount);
	}

	private static Grant grant(String businessKey, String id, int year, String paid, String voucher) {
		return new Grant(businessKey, "pi-" + businessKey, id, "周桂芳", "T01V01", "T01", "registered-poor", "县人民医院",
				LocalDate.of(year, 5, 26), LocalDate.of(year, 6, 10), yuan("35000.00"), yuan("30000.00"), yuan("15000.00"),
				yuan("5000.00"), yuan("4000.00"), yuan("0.00"), yuan("6000.00"), yuan("0.6000"), yuan("3600.00"), yuan(paid),
				yuan(paid), year, voucher, LocalDate.of(year, 6, 20), "charity", "charity-2", "charity",
				Date.from(Instant.parse(year + "-06-20T08:00:00.321Z")));
	}

	@Test
	void aGrant_isReadBackWithEveryAmountToTheFen() {
		Grant paid = grant("CR-2026-000001", ZHOU, 2026, "3600.00", "ZF-2026-0001");
		assertThat(mapper.insert(paid)).isEqualTo(1);
		assertThat(mapper.find("CR-2026-000001")).isEqualTo(paid);
		assertThat(mapper.find("CR-2026-000002")).isNull();
	}

	@Test
	void amountsWithFewerDecimals_areStoredWithTwo() {
		Grant g = grant("CR-2026-000001", ZHOU, 2026, "3600", "ZF-2026-0001");
		mapper.insert(g);
		Grant stored = mapper.find("CR-2026-000001");
		assertThat(stored.paidAmount()).hasToString("3600.00");
		assertThat(stored.rate()).hasToString("0.6000");
	}

	@Test
	void theYearsTotal_isWhatThePersonWasPaidThatYear() {
		mapper.insert(grant("CR-2026-000001", ZHOU, 2026, "3600.00", "ZF-2026-0001"));
		mapper.insert(grant("CR-2026-000002", ZHOU, 2026, "1200.50", "ZF-2026-0002"));
		mapper.insert(grant("CR-2025-000009", ZHOU, 2025, "9000.00", "ZF-2025-0009"));
		mapper.insert(grant("CR-2026-000003", "341722196503120411", 2026, "800.00", "ZF-2026-0003"));
		assertThat(mapper.yearTotal(ZHOU, 2026)).isEqualByComparingTo("4800.50");
		assertThat(mapper.yearTotal(ZHOU, 2025)).isEqualByComparingTo("9000.00");
	}

	@Test
	void theYearsTotalOfSomeoneNeverPaid_isZero() {
		assertThat(mapper.yearTotal("340121198811030046", 2026)).isNotNull().isEqualByComparingTo(BigDecimal.ZERO);
	}

	@Test
	void aVoucherNumber_isCountedOnceUsed() {
		assertThat(mapper.countVoucher("ZF-2026-0001")).isZero();
		mapper.insert(grant("CR-2026-000001", ZHOU, 2026, "3600.00", "ZF-2026-0001"));
		assertThat(mapper.countVoucher("ZF-2026-0001")).isEqualTo(1);
		assertThat(mapper.countVoucher("ZF-2026-0002")).isZero();
	}

	@Test
	void aVoucherNumberUsedTwice_isRefusedByTheDatabase() {
		mapper.insert(grant("CR-2026-000001", ZHOU, 2026, "3600.00", "ZF-2026-0001"));
		assertThatThrownBy(() -> mapper.insert(grant("CR-2026-000002", "341722196503120411", 2026, "800.00", "ZF-2026-0001")))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.find("CR-2026-000002")).isNull();
	}

	@Test
	void aSecondGrantOfTheSameCase_isRefused() {
		mapper.insert(grant("CR-2026-000001", ZHOU, 2026, "3600.00", "ZF-2026-0001"));
		assertThatThrownBy(() -> mapper.insert(grant("CR-2026-000001", ZHOU, 2026, "3600.00", "ZF-2026-0002")))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.yearTotal(ZHOU, 2026)).isEqualByComparingTo("3600.00");
	}

}
