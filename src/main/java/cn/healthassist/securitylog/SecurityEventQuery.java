package cn.healthassist.securitylog;

import java.util.Date;

/** A search of the security log: each part optional; {@code to} is exclusive. */
public record SecurityEventQuery(String type, String userId, Date from, Date to) {
}
