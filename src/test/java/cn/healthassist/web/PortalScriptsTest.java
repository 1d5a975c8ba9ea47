package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The project's own pages run no inline script, so that their CSP can allow scripts of this site only
 * ({@code script-src 'self'}, SecurityHeadersFilter) and every page still works: each script is a file of its own,
 * and each file a page names is there.
 */
class PortalScriptsTest {

	private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
	private static final Pattern SOURCE = Pattern.compile("\\bsrc=\"([^\"]+)\"");
	private static final Pattern HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

	private static List<Resource> pages() throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:static/**/*.html");
		assertThat(found).as("the portal's pages and the error pages").hasSizeGreaterThanOrEqualTo(10);
		return List.of(found);
	}

	@Test
	void noPageHasAnInlineScript_anEventHandler_orAJavascriptAddress() throws IOException {
		List<String> inline = new ArrayList<>();
		for (Resource page : pages()) {
			String html = page.getContentAsString(StandardCharsets.UTF_8);
			Matcher script = SCRIPT.matcher(html);
			while (script.find()) {
				if (!SOURCE.matcher(script.group(1)).find() || !script.group(2).isBlank()) {
					inline.add(page.getFilename() + ": inline script");
				}
			}
			if (HANDLER.matcher(html).find()) {
				inline.add(page.getFilename() + ": event handler attribute");
			}
			if (html.toLowerCase().contains("javascript:")) {
				inline.add(page.getFilename() + ": javascript: address");
			}
		}
		assertThat(inline).isEmpty();
	}

	@Test
	void everyScriptAPageNames_isThere() throws IOException {
		int scripts = 0;
		for (Resource page : pages()) {
			Matcher script = SCRIPT.matcher(page.getContentAsString(StandardCharsets.UTF_8));
			while (script.find()) {
				Matcher source = SOURCE.matcher(script.group(1));
				if (source.find() && source.group(1).startsWith("/portal/")) {
					scripts++;
					assertThat(new ClassPathResource("static" + source.group(1)).exists()).as(page.getFilename() + " names "
							+ source.group(1)).isTrue();
				}
			}
		}
		assertThat(scripts).as("a script of its own for each page of the portal").isGreaterThanOrEqualTo(10);
	}

}
