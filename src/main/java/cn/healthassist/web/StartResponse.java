package cn.healthassist.web;

/** The answer to a start (docs/product.md 4): 201 with the case's business key and process instance. */
public record StartResponse(String businessKey, String processInstanceId) {
}
