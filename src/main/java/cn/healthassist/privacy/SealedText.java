package cn.healthassist.privacy;

import org.apache.ibatis.type.MappedTypes;
import org.springframework.stereotype.Component;

/**
 * Writes a personal-data column sealed: {@code #{idNumber,typeHandler=cn.healthassist.privacy.SealedText}} in a
 * mapper's INSERT. Reading needs nothing: {@link OpenedText} opens the sealed values of the personal-data columns a
 * query returns. Registered for its own marker type only, so that no other parameter is sealed by accident.
 */
@Component
@MappedTypes(SealedText.Marker.class)
public class SealedText extends WrittenText {

	/** Not a type of any property: keeps this handler out of the String parameters. */
	public static final class Marker {

		private Marker() {
		}

	}

	public SealedText(PersonalDataCipher cipher) {
		super(cipher::seal, cipher::open);
	}

}
