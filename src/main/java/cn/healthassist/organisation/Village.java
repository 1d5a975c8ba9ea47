package cn.healthassist.organisation;

/** A village with the township and county it belongs to. */
public record Village(String code, String name, String townshipCode, String townshipName, String countyCode) {
}
