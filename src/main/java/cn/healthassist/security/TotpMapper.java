package cn.healthassist.security;

import java.util.Date;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The accounts' TOTP authenticators (V18): the encrypted secret, confirmed or pending, and the last time step used. */
@Mapper
public interface TotpMapper {

	/** An account's authenticator; {@code secret} is the encrypted form (TotpCipher). */
	record Authenticator(String userId, String secret, boolean confirmed, Date createdAt, Long lastStep, int failures) {
	}

	@Select("SELECT user_id, secret, confirmed, created_at, last_step, failures FROM ha_totp WHERE user_id = #{userId}")
	Authenticator find(@Param("userId") String userId);

	@Insert("""
			INSERT INTO ha_totp (user_id, secret, confirmed, created_at, last_step)
			VALUES (#{userId}, #{secret}, FALSE, #{createdAt}, NULL)
			""")
	void insertPending(@Param("userId") String userId, @Param("secret") String secret, @Param("createdAt") Date createdAt);

	/** Forgets an enrolment that was started and never confirmed (a new one replaces it). */
	@Delete("DELETE FROM ha_totp WHERE user_id = #{userId} AND confirmed = FALSE")
	int deletePending(@Param("userId") String userId);

	/** Confirms the pending authenticator with the time step of its first code. */
	@Update("UPDATE ha_totp SET confirmed = TRUE, last_step = #{step} WHERE user_id = #{userId} AND confirmed = FALSE")
	int confirm(@Param("userId") String userId, @Param("step") long step);

	/**
	 * Takes the time step of an accepted code, only if it is later than the last one taken: 0 rows means the code (or a
	 * later one) was already used, whichever node took it.
	 */
	@Update("""
			UPDATE ha_totp SET last_step = #{step}
			WHERE user_id = #{userId} AND confirmed = TRUE AND (last_step IS NULL OR last_step < #{step})
			""")
	int use(@Param("userId") String userId, @Param("step") long step);

	/** Wrong codes in a row. */
	@Update("UPDATE ha_totp SET failures = #{failures} WHERE user_id = #{userId}")
	int failures(@Param("userId") String userId, @Param("failures") int failures);

	@Delete("DELETE FROM ha_totp WHERE user_id = #{userId}")
	int delete(@Param("userId") String userId);

}
