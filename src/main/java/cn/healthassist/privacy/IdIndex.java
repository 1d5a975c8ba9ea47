package cn.healthassist.privacy;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;
import org.springframework.stereotype.Component;

/**
 * The search index of an ID number as a parameter: {@code id_index = #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex}}
 * finds a person's rows by the keyed hash (HMAC-SM3) the column {@code id_index} holds, and an INSERT writes it the
 * same way. Registered for its own marker type only.
 */
@Component
@MappedTypes(IdIndex.Marker.class)
public class IdIndex extends BaseTypeHandler<String> {

	/** Not a type of any property: keeps this handler out of the String parameters. */
	public static final class Marker {

		private Marker() {
		}

	}

	private final PersonalDataCipher cipher;

	public IdIndex(PersonalDataCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, String parameter, JdbcType jdbcType) throws SQLException {
		ps.setString(i, cipher.index(parameter));
	}

	@Override
	public String getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return rs.getString(columnName);
	}

	@Override
	public String getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return rs.getString(columnIndex);
	}

	@Override
	public String getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return cs.getString(columnIndex);
	}

}
