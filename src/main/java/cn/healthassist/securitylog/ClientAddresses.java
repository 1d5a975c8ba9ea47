package cn.healthassist.securitylog;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client behind a request: the connection's peer, or, when the peer is one of the configured
 * reverse proxies (healthassist.trusted-proxies), the address the proxy appended last to X-Forwarded-For. From
 * anyone else the header is ignored: a client can write whatever it likes there.
 */
public final class ClientAddresses {

	private ClientAddresses() {
	}

	public static String of(HttpServletRequest request, List<String> trustedProxies) {
		String peer = request.getRemoteAddr();
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null || forwarded.isBlank() || !trustedProxies.contains(peer)) {
			return peer;
		}
		String[] hops = forwarded.split(",");
		String client = hops[hops.length - 1].strip();
		return client.isEmpty() || client.length() > 64 ? peer : client;
	}

}
