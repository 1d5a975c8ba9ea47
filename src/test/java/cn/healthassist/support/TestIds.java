package cn.healthassist.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import cn.healthassist.values.IdNumbers;

/** Valid resident ID numbers for tests, different in every call and every run. */
public final class TestIds {

	private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

	private TestIds() {
	}

	public static String newIdNumber() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		int n = SEQUENCE.incrementAndGet();
		String body = String.format("%06d%04d%02d%02d%03d", 340000 + r.nextInt(10000), 1940 + r.nextInt(60),
				1 + r.nextInt(12), 1 + r.nextInt(28), n % 1000);
		return body + IdNumbers.checkChar(body);
	}

	/** The same number with a wrong check character. */
	public static String withWrongCheck(String idNumber) {
		char check = idNumber.charAt(17);
		char wrong = check == '0' ? '1' : '0';
		return idNumber.substring(0, 17) + wrong;
	}

}
