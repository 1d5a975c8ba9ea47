package cn.healthassist.organisation;

/**
 * One line of an organisation file: a county, township, village, hospital or designated destination
 * hospital. {@code parent} is the county of a township or hospital, the township of a village, and the
 * level ({@code provincial} or {@code city}) of a destination hospital.
 */
public record OrgUnit(String type, String code, String name, String parent) {

	public static final String COUNTY = "county";

	public static final String TOWNSHIP = "township";

	public static final String VILLAGE = "village";

	public static final String HOSPITAL = "hospital";

	public static final String DESTINATION = "destination";

}
