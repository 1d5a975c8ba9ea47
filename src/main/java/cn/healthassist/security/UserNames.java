package cn.healthassist.security;

import org.camunda.bpm.engine.identity.User;

/**
 * How the project shows a person. Chinese names are not split into given and family name: Camunda's first-name
 * field holds the whole name (姓名, e.g. 张卫民) and the last-name field the unit and post (单位与职务, e.g.
 * 桃园村村医); Admin labels the two fields so. The web apps' header shows both, "张卫民 桃园村村医".
 */
public final class UserNames {

	private UserNames() {
	}

	public static String name(User user, String userId) {
		if (user == null) {
			return userId;
		}
		String name = user.getFirstName();
		return name == null || name.isBlank() ? userId : name.strip();
	}

}
