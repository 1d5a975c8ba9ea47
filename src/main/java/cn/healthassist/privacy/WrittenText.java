package cn.healthassist.privacy;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * A text parameter written to the database as a function of it ({@link SealedText}: sealed, {@link IdIndex}: its
 * search index), and read back through another.
 */
abstract class WrittenText extends BaseTypeHandler<String> {

	private final UnaryOperator<String> write;

	private final UnaryOperator<String> read;

	WrittenText(UnaryOperator<String> write, UnaryOperator<String> read) {
		this.write = write;
		this.read = read;
	}

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, String parameter, JdbcType jdbcType) throws SQLException {
		ps.setString(i, write.apply(parameter));
	}

	@Override
	public String getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return read.apply(rs.getString(columnName));
	}

	@Override
	public String getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return read.apply(rs.getString(columnIndex));
	}

	@Override
	public String getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return read.apply(cs.getString(columnIndex));
	}

}
