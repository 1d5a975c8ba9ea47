package cn.healthassist.web;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Messages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The body of a CSV import, read with a size limit and decoded strictly as UTF-8: a file over the limit is refused
 * with 413 before it is read whole (a 450 MB file once ran the server out of memory), and a file in another encoding
 * (Excel's "CSV" in China is often GBK) with a 400 that names it, instead of being stored as replacement characters.
 */
public final class CsvUploads {

	private CsvUploads() {
	}

	public static String read(HttpServletRequest request, long maxBytes) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw tooLarge(maxBytes);
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		}
		if (bytes.length > maxBytes) {
			throw tooLarge(maxBytes);
		}
		return decode(bytes);
	}

	/** The text of a file's bytes: UTF-8 (a byte-order mark left out), or a 400 naming the encoding it seems to be. */
	public static String decode(byte[] bytes) {
		int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
				? 3 : 0;
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
				.toString();
		}
		catch (CharacterCodingException e) {
			String guess = looksLike(bytes, Charset.forName("GB18030")) ? "GBK/GB18030" : Messages.get("web.upload.notUtf8");
			throw CaseRejectedException.badInput("file", Messages.get("web.upload.encoding", guess));
		}
	}

	private static boolean looksLike(byte[] bytes, Charset charset) {
		try {
			charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException e) {
			return false;
		}
	}

	private static CaseRejectedException tooLarge(long maxBytes) {
		return new CaseRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "file",
				Messages.get("web.upload.tooLarge", maxBytes / 1024 / 1024));
	}

}
