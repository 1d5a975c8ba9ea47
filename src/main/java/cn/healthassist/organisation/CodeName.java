package cn.healthassist.organisation;

/** A reference-data entry: a code and its Chinese name. */
public record CodeName(String code, String name, String category) {
}
