package cn.healthassist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * 健康扶贫业务协同: chronic-disease certificates, out-of-county referrals and charity relief on Camunda 7.
 * The process application itself is enabled in {@link cn.healthassist.engine.ProcessEngineConfig}, so that
 * MyBatis and web slice tests need no engine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

}
