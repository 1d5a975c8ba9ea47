package cn.healthassist.mappers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A MyBatis slice test of the project's mappers: {@code @MybatisTest} on {@link MapperSlice}, an in-memory H2
 * database made by every Flyway migration of the product (src/main/resources/db/migration and the Java migrations of
 * src/main/java/db/migration), each test in a transaction rolled back at its end. All such tests share one Spring
 * context and so one database, migrated once: a test inserts the rows it reads and may not count on any other's.
 * <p>
 * Camunda's tables (ACT_*) are not created: the Java migrations that touch them (V8 on MySQL only, V10 to V13 and V22
 * the indexes on ACT_RU_TASK, ACT_RU_AUTHORIZATION, ACT_RU_IDENTITYLINK and ACT_RU_JOB) create an index only where its table exists,
 * exactly as on the product's first start on H2, where the engine makes its tables after Flyway. They run here and
 * find nothing to do ({@code MigrationsTest} shows it), so no migration is skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MybatisTest
@ContextConfiguration(classes = MapperSlice.class)
public @interface MapperSliceTest {

}
