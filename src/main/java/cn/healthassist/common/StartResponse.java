package cn.healthassist.common;

/** The answer to a start (SPEC 4): 201 with the case's business key and process instance. */
public record StartResponse(String businessKey, String processInstanceId) {
}
