package cn.healthassist.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import cn.healthassist.Application;

/**
 * The application in a JVM of its own (the test classpath, {@link Application} as main class), as an operator starts
 * it, with everything it prints kept. Killed when the test JVM exits, however the test ends.
 */
public record AppJvm(Process process, List<String> lines) {

	/** Starts it with these application arguments ({@code --name=value}) and changes to the inherited environment. */
	public static AppJvm start(List<String> arguments, Consumer<Map<String, String>> environment) throws IOException {
		List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m", "-Dfile.encoding=UTF-8",
				"-cp", System.getProperty("java.class.path"), Application.class.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		environment.accept(builder.environment());
		Process process = builder.start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		List<String> lines = new ArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = r.readLine()) != null) {
					synchronized (lines) {
						lines.add(line);
					}
				}
			}
			catch (IOException e) {
				// the process ended
			}
		});
		reader.setDaemon(true);
		reader.start();
		return new AppJvm(process, lines);
	}

	/**
	 * Waits until Spring Boot reports the application started (web server listening, startup data made); fails with its
	 * last lines if it stops first or takes longer than {@code seconds}.
	 */
	public void awaitStarted(int seconds) throws InterruptedException {
		long deadline = System.currentTimeMillis() + seconds * 1000L;
		while (!output().contains("Started Application")) {
			if (!process.isAlive()) {
				throw new AssertionError("the application stopped:\n" + tail(80));
			}
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("the application did not start within " + seconds + " s:\n" + tail(80));
			}
			Thread.sleep(200);
		}
	}

	/** All it has printed so far. */
	public String output() {
		synchronized (lines) {
			return String.join("\n", lines);
		}
	}

	/** The last lines it printed, for a failure message. */
	public String tail(int count) {
		synchronized (lines) {
			return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

}
