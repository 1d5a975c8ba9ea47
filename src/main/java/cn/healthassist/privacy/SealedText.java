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
 * Writes a personal-data column sealed: {@code #{idNumber,typeHandler=cn.healthassist.privacy.SealedText}} in a
 * mapper's INSERT. Reading needs nothing: {@link OpenedText} opens the sealed values of the personal-data columns a
 * query returns. Registered for its own marker type only, so that no other parameter is sealed by accident.
 */
@Component
@MappedTypes(SealedText.Marker.class)
public class SealedText extends BaseTypeHandler<String> {

	/** Not a type of any property: keeps this handler out of the String parameters. */
	public static final class Marker {

		private Marker() {
		}

	}

	private final PersonalDataCipher cipher;

	public SealedText(PersonalDataCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, String parameter, JdbcType jdbcType) throws SQLException {
		ps.setString(i, cipher.seal(parameter));
	}

	@Override
	public String getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return cipher.open(rs.getString(columnName));
	}

	@Override
	public String getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return cipher.open(rs.getString(columnIndex));
	}

	@Override
	public String getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return cipher.open(cs.getString(columnIndex));
	}

}
