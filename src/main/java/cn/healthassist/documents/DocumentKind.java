package cn.healthassist.documents;

import java.util.Arrays;
import java.util.Optional;

import cn.healthassist.values.Messages;

/**
 * The documents a case hands over (docs/product.md 4.1), by the kind the API names them: 慢性病证 once issued, 转诊单
 * once issued, 救助审批表 once approved, 救助金发放通知 once paid.
 */
public enum DocumentKind {

	CERTIFICATE("certificate", "documents.kind.certificate"),
	REFERRAL_SLIP("referral-slip", "documents.kind.referralSlip"),
	RELIEF_APPROVAL("relief-approval", "documents.kind.reliefApproval"),
	PAYMENT_NOTICE("payment-notice", "documents.kind.paymentNotice");

	private final String code;

	private final String titleKey;

	DocumentKind(String code, String titleKey) {
		this.code = code;
		this.titleKey = titleKey;
	}

	/** In JSON the kind is its code, as SPEC 4.1 names it ("certificate"). */
	@com.fasterxml.jackson.annotation.JsonValue
	public String code() {
		return code;
	}

	public String title() {
		return Messages.get(titleKey);
	}

	public static Optional<DocumentKind> of(String code) {
		return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
	}

}
