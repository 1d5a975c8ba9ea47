package cn.healthassist.privacy;

import java.util.function.UnaryOperator;

import org.apache.ibatis.type.MappedTypes;
import org.springframework.stereotype.Component;

/**
 * The search index of an ID number as a parameter: {@code id_index = #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex}}
 * finds a person's rows by the keyed hash (HMAC-SM3) the column {@code id_index} holds, and an INSERT writes it the
 * same way. Registered for its own marker type only.
 */
@Component
@MappedTypes(IdIndex.Marker.class)
public class IdIndex extends WrittenText {

	/** Not a type of any property: keeps this handler out of the String parameters. */
	public static final class Marker {

		private Marker() {
		}

	}

	public IdIndex(PersonalDataCipher cipher) {
		super(cipher::index, UnaryOperator.identity());
	}

}
