package cn.healthassist.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.engine.EditableFields;
import cn.healthassist.security.CaseProcess;

/**
 * A visit's answers stay in the engine from its completion until the next visit is planned: the visit record
 * (RecordVisitDelegate) and the outcome's gateway read them there. So the follow-up keeps every field its visit forms
 * let the doctor fill in (CaseProcess.engineKeeps), and every field the next visit clears.
 */
class FollowupVariablesTest {

	@Test
	void everyFieldOfAVisitForm_isKeptUntilTheVisitIsRecorded() throws IOException {
		ObjectMapper json = new ObjectMapper();
		List<Path> forms;
		try (Stream<Path> files = Files.list(Path.of("forms"))) {
			forms = files.filter(f -> f.getFileName().toString().startsWith("followup")).sorted().toList();
		}
		assertThat(forms).hasSize(6);
		for (Path form : forms) {
			try (InputStream in = Files.newInputStream(form)) {
				assertThat(EditableFields.of(json, in)).as(form.toString())
					.isNotEmpty()
					.allMatch(CaseProcess.CHRONIC_FOLLOWUP::engineKeeps);
			}
		}
		assertThat(FollowupVariables.VISIT_FIELDS).allMatch(CaseProcess.CHRONIC_FOLLOWUP::engineKeeps);
		assertThat(List.of(FollowupVariables.VISIT_DUE, FollowupVariables.VISIT_KIND, FollowupVariables.VISIT_OPENS_AT,
				FollowupVariables.VISIT_MISSED_AT, FollowupVariables.FOLLOWUP_OUTCOME))
			.as("what the model reads").allMatch(CaseProcess.CHRONIC_FOLLOWUP::engineKeeps);
		assertThat(List.of(FollowupVariables.VISIT_NO, FollowupVariables.VISIT_DUE_TEXT, FollowupVariables.SCHEDULE_START,
				"certificateNo", "idNumber", "townshipCode")).as("the record's").noneMatch(CaseProcess.CHRONIC_FOLLOWUP::engineKeeps);
	}

}
