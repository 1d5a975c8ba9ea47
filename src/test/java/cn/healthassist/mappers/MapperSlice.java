package cn.healthassist.mappers;

import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.privacy.IdIndex;
import cn.healthassist.privacy.OpenedText;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.privacy.SealedText;

/**
 * What the MyBatis slice tests ({@link MapperSliceTest}) start instead of {@code cn.healthassist.Application}: nothing of
 * the product's beans and no engine, only the {@code @Mapper} interfaces of every feature package. The slice itself
 * ({@code @MybatisTest}) brings the data source (an in-memory H2 database of its own), Flyway with the product's
 * migrations, MyBatis and a transaction per test. The product's application.yaml is read as always, so the mappers run
 * with the product's MyBatis settings (mapper-locations {@code classpath:mapper/**&#47;*.xml},
 * map-underscore-to-camel-case, arg-name-based constructor auto-mapping) and Flyway's history table
 * (ha_schema_history); the slice replaces only the database URL.
 * <p>
 * Deliberately neither {@code @SpringBootApplication} nor {@code @Configuration}: the product's Application scans
 * {@code cn.healthassist} for components, and the whole-application tests (and the JVMs of {@code support/AppJvm} and the
 * benchmark) run it with the test classes on the classpath, so a configuration class here would join their context, with
 * its mapper scan and its auto-configuration. {@code @MapperScan} makes no component; Spring reads it all the same from a
 * class named by {@code @ContextConfiguration}. The mappers seal personal data and open it with the type handlers of
 * {@code cn.healthassist.privacy}, which come along with the demo's keys of application.yaml.
 */
@MapperScan(basePackages = "cn.healthassist", annotationClass = Mapper.class)
@EnableConfigurationProperties(HealthAssistProperties.class)
@Import({ PersonalDataCipher.class, OpenedText.class, SealedText.class, IdIndex.class })
public class MapperSlice {

}
