package cn.healthassist.privacy;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedJdbcTypes;
import org.apache.ibatis.type.MappedTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The product's MyBatis reads every text through this handler: a sealed value ({@link PersonalDataCipher}) of a
 * personal-data column ({@link #SEALED_COLUMNS}) comes back opened, any other text as it is, so that the mappers'
 * records hold plain ID numbers for the code that may see them, and nothing else changes. Only those columns: a text
 * that looks sealed in any other column (an opinion, a user name a person typed) is never opened. Parameters are
 * written as given (sealing is asked for, {@link SealedText}). A sealed value that does not open (changed in the
 * database, its key removed) is returned as stored, never as another value, and logged without its content.
 */
@Component
@MappedTypes(String.class)
@MappedJdbcTypes(value = { JdbcType.CHAR, JdbcType.VARCHAR, JdbcType.LONGVARCHAR, JdbcType.NCHAR, JdbcType.NVARCHAR,
		JdbcType.LONGNVARCHAR, JdbcType.CLOB, JdbcType.NCLOB }, includeNullJdbcType = true)
public class OpenedText extends BaseTypeHandler<String> {

	private static final Logger log = LoggerFactory.getLogger(OpenedText.class);

	/** The columns that hold sealed values: those PersonalDataSealing seals. */
	static final java.util.Set<String> SEALED_COLUMNS = PersonalDataSealing.TABLES.stream()
		.flatMap(t -> t.columns().stream())
		.collect(java.util.stream.Collectors.toUnmodifiableSet());

	private final PersonalDataCipher cipher;

	public OpenedText(PersonalDataCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, String parameter, JdbcType jdbcType) throws SQLException {
		ps.setString(i, parameter);
	}

	@Override
	public String getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return open(columnName, rs.getString(columnName));
	}

	@Override
	public String getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return open(rs.getMetaData().getColumnLabel(columnIndex), rs.getString(columnIndex));
	}

	@Override
	public String getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return cs.getString(columnIndex);
	}

	private String open(String column, String value) {
		if (column == null || !SEALED_COLUMNS.contains(column.toLowerCase(java.util.Locale.ROOT))
				|| !PersonalDataCipher.isSealed(value)) {
			return value;
		}
		try {
			return cipher.open(value);
		}
		catch (IllegalStateException e) {
			log.warn("A sealed value read from the database does not open: {}", e.getMessage());
			return value;
		}
	}

}
