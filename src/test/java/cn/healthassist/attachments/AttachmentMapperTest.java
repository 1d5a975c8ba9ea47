package cn.healthassist.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;

/** What the project keeps of each uploaded file (ha_attachment), and its removal, which is recorded once. */
@MapperSliceTest
class AttachmentMapperTest {

	@Autowired
	private AttachmentMapper mapper;

	private static Date at(String instant) {
		return Date.from(Instant.parse(instant));
	}

	private static AttachmentRecord upload(String id, String processInstance, String fileName, String uploadedAt) {
		return new AttachmentRecord(id, "CC-2026-000001", processInstance, "task-1", "收集申请材料", fileName, "application/pdf",
				248_331L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "doctor-t01v01", at(uploadedAt),
				null, null);
	}

	@Test
	void anUpload_isReadBackAsStoredWithAChineseFileName() {
		AttachmentRecord stored = upload("att-1", "pi-1", "诊断证明书（县人民医院）.pdf", "2026-03-02T02:00:00.456Z");
		assertThat(mapper.insert(stored)).isEqualTo(1);
		assertThat(mapper.find("att-1")).isEqualTo(stored);
		assertThat(mapper.find("att-9")).isNull();
	}

	@Test
	void theFilesOfAProcessInstance_areListedInUploadOrder() {
		mapper.insert(upload("att-b", "pi-1", "门诊病历.jpg", "2026-03-02T02:00:00Z"));
		mapper.insert(upload("att-a", "pi-1", "住院病历.jpg", "2026-03-02T02:00:00Z"));
		mapper.insert(upload("att-0", "pi-1", "诊断证明书.pdf", "2026-03-01T02:00:00Z"));
		mapper.insert(upload("att-x", "pi-2", "身份证.png", "2026-03-01T01:00:00Z"));
		assertThat(mapper.findByProcessInstance("pi-1")).extracting(AttachmentRecord::attachmentId)
			.containsExactly("att-0", "att-a", "att-b");
		assertThat(mapper.findByProcessInstance("pi-9")).isEmpty();
	}

	@Test
	void aRemovedFile_staysListedWithWhoRemovedItAndWhen() {
		mapper.insert(upload("att-1", "pi-1", "诊断证明书.pdf", "2026-03-02T02:00:00Z"));
		assertThat(mapper.markRemoved("att-1", "doctor-t01v01", at("2026-03-02T03:00:00.789Z"))).isEqualTo(1);
		AttachmentRecord removed = mapper.findByProcessInstance("pi-1").get(0);
		assertThat(removed.removedBy()).isEqualTo("doctor-t01v01");
		assertThat(removed.removedAt()).isEqualTo(at("2026-03-02T03:00:00.789Z"));
		assertThat(removed.fileName()).isEqualTo("诊断证明书.pdf");
	}

	@Test
	void aSecondRemoval_keepsTheFirst() {
		mapper.insert(upload("att-1", "pi-1", "诊断证明书.pdf", "2026-03-02T02:00:00Z"));
		mapper.markRemoved("att-1", "doctor-t01v01", at("2026-03-02T03:00:00Z"));
		assertThat(mapper.markRemoved("att-1", "admin", at("2026-03-03T03:00:00Z"))).isZero();
		assertThat(mapper.find("att-1").removedBy()).isEqualTo("doctor-t01v01");
		assertThat(mapper.find("att-1").removedAt()).isEqualTo(at("2026-03-02T03:00:00Z"));
		assertThat(mapper.markRemoved("att-9", "admin", at("2026-03-03T03:00:00Z"))).isZero();
	}

	@Test
	void aSecondRecordOfTheSameAttachment_isRefused() {
		mapper.insert(upload("att-1", "pi-1", "诊断证明书.pdf", "2026-03-02T02:00:00Z"));
		assertThatThrownBy(() -> mapper.insert(upload("att-1", "pi-1", "替换.pdf", "2026-03-02T04:00:00Z")))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.find("att-1").fileName()).isEqualTo("诊断证明书.pdf");
	}

}
