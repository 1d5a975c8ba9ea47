package cn.healthassist.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for tests against the running application: HTTP Basic, or a Tasklist session. */
public class Http {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String base;

	private final HttpClient client;

	private final CookieManager cookies = new CookieManager();

	private String basic;

	private boolean session;

	public Http(int port) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	public static Http as(int port, String user, String password) {
		Http http = new Http(port);
		http.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return http;
	}

	/** A response: status, body, content type. */
	public record Response(int status, String body, String contentType, HttpResponse<String> raw) {

		public JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException e) {
				throw new AssertionError("not JSON (" + status + "): " + body, e);
			}
		}

	}

	/** Logs in to the Camunda web apps as a person does, with the CSRF token the web apps hand out. */
	public Response login(String app, String user, String password) {
		get("/camunda/app/" + app + "/default/");
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		Response r = send(request("/camunda/api/admin/auth/user/default/login/" + app)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		session = r.status() == 200;
		if (session) {
			// the login starts a new session; its CSRF token comes with the next response, as in the browser
			get("/camunda/api/admin/auth/user/default");
		}
		return r;
	}

	public String csrfToken() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response postJson(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
	}

	public Response putJson(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
	}

	public Response post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response post(String path, String contentType, byte[] body) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/** A download as bytes (a PDF, an Excel file). */
	public record Download(int status, byte[] body, String contentType, String disposition) {
	}

	public Download download(String path) {
		try {
			HttpResponse<byte[]> r = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Download(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
					r.headers().firstValue("Content-Disposition").orElse(""));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	public HttpRequest.Builder request(String path) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json, application/problem+json, */*");
		if (basic != null) {
			b.header("Authorization", basic);
		}
		String token = csrfToken();
		if (token != null) {
			b.header("X-XSRF-TOKEN", token);
		}
		return b;
	}

	public Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String toJson(Object body) {
		try {
			return body instanceof String s ? s : JSON.writeValueAsString(body);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
