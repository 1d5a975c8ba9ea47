package cn.healthassist.engine;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request whose body has been read once, to be checked, and is read again by the application. */
public class CachedBodyRequest extends HttpServletRequestWrapper {

	/** The largest JSON body the engine's APIs take; larger ones are refused (413). */
	static final int LIMIT = 2 * 1024 * 1024;

	private final byte[] body;

	public CachedBodyRequest(HttpServletRequest request) throws IOException {
		super(request);
		byte[] read = request.getInputStream().readNBytes(LIMIT + 1);
		this.tooLarge = read.length > LIMIT;
		this.body = tooLarge ? new byte[0] : read;
	}

	private final boolean tooLarge;

	boolean tooLarge() {
		return tooLarge;
	}

	public byte[] body() {
		return body;
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(body);
		return new ServletInputStream() {
			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException();
			}
		};
	}

	@Override
	public BufferedReader getReader() {
		String encoding = getCharacterEncoding();
		return new BufferedReader(new InputStreamReader(getInputStream(),
				encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
	}

}
