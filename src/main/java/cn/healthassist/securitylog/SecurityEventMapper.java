package cn.healthassist.securitylog;

import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The security log's table (V15; the searches in mapper/securitylog/SecurityEventMapper.xml). Rows are inserted and, after the retention period, deleted; never updated. */
@Mapper
public interface SecurityEventMapper {

	@Insert("""
			INSERT INTO ha_security_event (seq, event_type, user_id, client_ip, occurred_at, outcome, detail,
				prev_hash, hash, keyed)
			VALUES (#{seq}, #{type}, #{userId}, #{clientIp}, #{time}, #{outcome}, #{detail},
				#{prevHash}, #{hash}, #{keyed})
			""")
	void insert(SecurityEvent event);

	@Select("""
			SELECT seq, event_type AS type, user_id, client_ip, occurred_at AS time, outcome, detail,
				prev_hash, hash, keyed
			FROM ha_security_event ORDER BY seq DESC LIMIT 1
			""")
	SecurityEvent last();

	/** The events from a sequence number on, in order, for verifying the chain a page at a time. */
	@Select("""
			SELECT seq, event_type AS type, user_id, client_ip, occurred_at AS time, outcome, detail,
				prev_hash, hash, keyed
			FROM ha_security_event WHERE seq >= #{fromSeq} ORDER BY seq LIMIT #{limit}
			""")
	List<SecurityEvent> from(@Param("fromSeq") long fromSeq, @Param("limit") int limit);

	/** The events a search finds, newest first (mapper/securitylog/SecurityEventMapper.xml). */
	List<SecurityEvent> search(@Param("q") SecurityEventQuery query, @Param("offset") long offset,
			@Param("limit") int limit);

	long count(@Param("q") SecurityEventQuery query);

	/** Wrong passwords from one client address since a moment, whichever the accounts. */
	@Select("""
			SELECT COUNT(*) FROM ha_security_event
			WHERE client_ip = #{clientIp} AND event_type = 'LOGIN_FAILURE' AND occurred_at >= #{since}
			""")
	long failuresFrom(@Param("clientIp") String clientIp, @Param("since") Date since);

	/** The first event at or after a moment and not after another, null for none. */
	@Select("SELECT MIN(seq) FROM ha_security_event WHERE occurred_at >= #{since} AND occurred_at <= #{notAfter}")
	Long firstSeqFrom(@Param("since") Date since, @Param("notAfter") Date notAfter);

	/** The events before a sequence number: the log's beginning, which the retention removes. */
	@Delete("DELETE FROM ha_security_event WHERE seq < #{seq}")
	int deleteBelow(@Param("seq") long seq);

	/**
	 * The latest keyed event that says where the log starts (LOG_TRIMMED, LOG_KEYED), null for none. Its type is
	 * checked again in Java ({@link SecurityLog#verify}), whatever the column's collation.
	 */
	@Select("""
			SELECT seq, event_type AS type, user_id, client_ip, occurred_at AS time, outcome, detail,
				prev_hash, hash, keyed
			FROM ha_security_event WHERE event_type IN ('LOG_TRIMMED', 'LOG_KEYED') AND keyed = TRUE
			ORDER BY seq DESC LIMIT 1
			""")
	SecurityEvent lastAnchor();

}
