package cn.healthassist.engine;

import java.nio.ByteBuffer;
import java.util.UUID;

import org.apache.commons.codec.binary.Base32;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.uuid.EthernetAddress;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedReorderedGenerator;

/**
 * The ids of the engine's rows (process instances, tasks, variables, history, grants): time-based UUIDs as Camunda's
 * default ({@code StrongUuidGenerator}, version 1, this machine's network address as the node), but with the time's
 * most significant digits first (version 6, RFC 9562), so that a later id sorts after an earlier one, written in 26
 * characters instead of 36.
 * <p>
 * MySQL/MariaDB (InnoDB) keep every table in the order of its primary key, and every index entry ends with it. With
 * version 1 ids, whose first digits are the time's fastest-changing part, each new row went to a random place in
 * each of those trees, and pages split and stayed partly empty. With ids in time order new rows are appended and
 * pages fill: a finished case took 172 KB of the database before, 142 KB after (docs/benchmark-history.md).
 * <p>
 * The UUID's 128 bits are written in base 32 with the "extended hex" alphabet of RFC 4648 ({@code 0-9A-V}, no
 * padding): the same order as text, under any collation (digits and capitals only), and ten characters fewer in every
 * column and index entry that holds an id: a finished case took 86 KB of the database before, 74 KB after
 * (docs/benchmark.md). Ids stay unique across nodes as Camunda's are (network address, clock sequence); ids written
 * before, 36 characters long, remain valid beside them. {@code camunda.bpm.id-generator: strong} in the configuration
 * goes back to Camunda's own.
 */
@Component
@ConditionalOnProperty(prefix = "camunda.bpm", name = "id-generator", havingValue = TimeOrderedIdGenerator.NAME)
public class TimeOrderedIdGenerator implements IdGenerator {

	/** The value of {@code camunda.bpm.id-generator} that selects this generator (application.yaml). */
	public static final String NAME = "time-ordered";

	/** The length of an id. */
	public static final int LENGTH = 26;

	private static final Base32 EXTENDED_HEX = new Base32(true);

	private final TimeBasedReorderedGenerator generator = Generators.timeBasedReorderedGenerator(EthernetAddress.fromInterface());

	@Override
	public String getNextId() {
		return text(generator.generate());
	}

	/** The id of a UUID: its 16 bytes, most significant first, in base 32 (0-9A-V), without padding. */
	static String text(UUID uuid) {
		byte[] bytes = ByteBuffer.allocate(16)
			.putLong(uuid.getMostSignificantBits())
			.putLong(uuid.getLeastSignificantBits())
			.array();
		return EXTENDED_HEX.encodeToString(bytes).substring(0, LENGTH);
	}

	/** The UUID an id of this generator was written from (tests, and anyone reading when an id was made). */
	public static UUID uuid(String id) {
		ByteBuffer bytes = ByteBuffer.wrap(EXTENDED_HEX.decode(id + "======"));
		return new UUID(bytes.getLong(), bytes.getLong());
	}

}
