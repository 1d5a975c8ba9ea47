package cn.healthassist.web;

import cn.healthassist.problems.CaseRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CsvUploadsTest {

	private static MockHttpServletRequest upload(byte[] body, boolean declareLength) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/treatment-records");
		request.setContent(body);
		if (!declareLength) {
			request.removeHeader("Content-Length");
		}
		return request;
	}

	@Test
	void aUtf8File_isRead_withoutItsByteOrderMark() throws Exception {
		byte[] text = "idNumber,diseaseCode\n王大山,HTN\n".getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[text.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(text, 0, withBom, 3, text.length);

		assertThat(CsvUploads.read(upload(withBom, true), 1000)).startsWith("idNumber").contains("王大山");
	}

	@Test
	void aFileOverTheLimit_is413_whetherItsLengthIsDeclaredOrNot() {
		byte[] big = "x".repeat(2000).getBytes(StandardCharsets.UTF_8);
		for (boolean declared : new boolean[] { true, false }) {
			assertThatThrownBy(() -> CsvUploads.read(upload(big, declared), 1000)).isInstanceOf(CaseRejectedException.class)
				.extracting(e -> ((CaseRejectedException) e).getStatus().value())
				.isEqualTo(413);
		}
	}

	@Test
	void aGbkFile_isRefused_namingItsEncoding() {
		byte[] gbk = "idNumber,hospitalName\n341722196503120411,县人民医院\n".getBytes(Charset.forName("GBK"));

		assertThatThrownBy(() -> CsvUploads.read(upload(gbk, true), 1000)).isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining("不是 UTF-8")
			.hasMessageContaining("GBK");
	}

}
