package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each step of the product's own models accepts, read from its forms, models and names of facts. */
class ProductFormsTest {

	private final ProductForms forms = ProductForms.shipped();

	@Test
	void aStepAcceptsItsOwnFormsFields_andNewNames() {
		assertThat(forms.accepts("charity-relief:3:x", "Task_FederationApproval", "approvedAmount")).isTrue();
		assertThat(forms.accepts("charity-relief:3:x", "Task_RecordPayment", "voucherNo")).isTrue();
		assertThat(forms.accepts("chronic-followup:1:x", "Task_VisitHypertension", "heartRate"))
			.as("a name the product does not know is the owner's to add").isTrue();
		assertThat(forms.ofStart("chronic-certificate")).contains("applicantName", "idNumber", "villageCode",
				"householdCategory", "diseaseCode", "phone");
	}

	@Test
	void aNameTheProductKnows_isAcceptedOnlyAtItsOwnStep() {
		assertThat(forms.accepts("charity-relief:3:x", "Task_RecordPayment", "approvedAmount")).as("another step's")
			.isFalse();
		assertThat(forms.accepts("charity-relief:3:x", "Task_RecordPayment", "reliefAmount")).as("a rule's").isFalse();
		assertThat(forms.accepts("chronic-certificate:1:x", "Task_TownshipReview", "diseaseCode")).as("the start's")
			.isFalse();
		assertThat(forms.accepts("chronic-certificate:1:x", "Task_CollectMaterials", "townshipCode"))
			.as("a jurisdiction code").isFalse();
		assertThat(forms.accepts("chronic-followup:1:x", "Task_VisitHypertension", "scheduleInterval"))
			.as("the schedule rule's").isFalse();
		assertThat(forms.accepts("chronic-certificate:1:x", "Task_NewStep", "countyDecision"))
			.as("a step the product lacks takes no known name").isFalse();
		assertThat(forms.acceptsAtStart("charity-relief", "approvedAmount")).isFalse();
	}

}
