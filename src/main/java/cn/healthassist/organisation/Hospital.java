package cn.healthassist.organisation;

/** A county hospital (treating doctors and unit heads work there) or a designated destination hospital. */
public record Hospital(String code, String name, String level) {
}
