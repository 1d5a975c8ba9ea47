package cn.healthassist.security;

import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The accounts' password history and password state (V17). */
@Mapper
public interface AccountMapper {

	/** A password an account had: Camunda's salted hash and its salt. */
	record PasswordHash(long id, String passwordHash, String salt, Date setAt) {
	}

	/** When the password was set, whether its owner must change it, whether it is a demo account. */
	record AccountState(String userId, Date passwordSetAt, boolean mustChange, boolean demo) {
	}

	@Insert("""
			INSERT INTO ha_password_history (user_id, password_hash, salt, set_at)
			VALUES (#{userId}, #{hash}, #{salt}, #{setAt})
			""")
	void insertPassword(@Param("userId") String userId, @Param("hash") String hash, @Param("salt") String salt,
			@Param("setAt") Date setAt);

	/** The account's passwords, the newest first. */
	@Select("""
			SELECT id, password_hash, salt, set_at FROM ha_password_history
			WHERE user_id = #{userId} ORDER BY id DESC LIMIT #{limit}
			""")
	List<PasswordHash> passwords(@Param("userId") String userId, @Param("limit") int limit);

	/** Forgets the account's passwords older than the one given (the history keeps only the last few). */
	@Delete("DELETE FROM ha_password_history WHERE user_id = #{userId} AND id < #{oldestKept}")
	int forgetOlder(@Param("userId") String userId, @Param("oldestKept") long oldestKept);

	@Delete("DELETE FROM ha_password_history WHERE user_id = #{userId}")
	int forgetAll(@Param("userId") String userId);

	@Select("SELECT user_id, password_set_at, must_change, demo FROM ha_account_state WHERE user_id = #{userId}")
	AccountState state(@Param("userId") String userId);

	@Insert("""
			INSERT INTO ha_account_state (user_id, password_set_at, must_change, demo)
			VALUES (#{userId}, #{passwordSetAt}, #{mustChange}, #{demo})
			""")
	void insertState(AccountState state);

	@Update("UPDATE ha_account_state SET password_set_at = #{setAt}, must_change = #{mustChange} WHERE user_id = #{userId}")
	int passwordSet(@Param("userId") String userId, @Param("setAt") Date setAt, @Param("mustChange") boolean mustChange);

	@Update("UPDATE ha_account_state SET must_change = #{mustChange} WHERE user_id = #{userId}")
	int mustChange(@Param("userId") String userId, @Param("mustChange") boolean mustChange);

	@Update("UPDATE ha_account_state SET demo = #{demo} WHERE user_id = #{userId}")
	int demo(@Param("userId") String userId, @Param("demo") boolean demo);

	@Delete("DELETE FROM ha_account_state WHERE user_id = #{userId}")
	int deleteState(@Param("userId") String userId);

}
