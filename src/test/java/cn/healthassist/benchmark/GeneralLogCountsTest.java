package cn.healthassist.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's count of statements per case reads MariaDB's general log as MariaDB writes it. */
class GeneralLogCountsTest {

	@Test
	void countsEachQuery_once_evenOverSeveralLines_andNamesItsKind(@TempDir Path dir) throws Exception {
		Path log = dir.resolve("sql-product.log");
		Files.writeString(log, String.join("\n",
				"/usr/sbin/mariadbd, Version: 10.11.19-MariaDB-0+deb12u1 (Debian 12). started with:",
				"Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock",
				"Time\t\t    Id Command\tArgument",
				"261201  2:27:42\t   369 Query\tSET autocommit=0",
				"\t\t   369 Query\tselect count(distinct RES.ID_ )",
				"     ",
				"    from ACT_RU_TASK RES",
				"      left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_",
				"\t\t   369 Query\tinsert into ACT_HI_ACTINST (ID_, PROC_DEF_KEY_) values ('a', 'chronic-certificate')",
				"\t\t   369 Query\tSET STATEMENT optimizer_switch='materialization=off' FOR select RES.ID_ from ACT_RU_TASK RES",
				"\t\t   369 Query\tupdate ACT_RU_TASK SET REV_ = 2 where ID_ = 'x'",
				"\t\t   370 Connect\troot@localhost on  using Socket",
				"\t\t   370 Query\tSET GLOBAL general_log = 0",
				"\t\t   369 Query\tCOMMIT",
				"\t\t   369 Quit\t"), StandardCharsets.UTF_8);

		GeneralLogCounts counts = GeneralLogCounts.read(log);

		assertThat(counts.statements()).isEqualTo(6);
		assertThat(counts.summary(2, 3)).isEqualTo("3.0 statements a case; most frequent: 1.0 select ACT_RU_TASK, 0.5 SET AUTOCOMMIT=0, 0.5 insert ACT_HI_ACTINST");
	}

	@Test
	void kinds() {
		assertThat(GeneralLogCounts.kind("DELETE FROM ACT_RU_JOB where ID_ = ?")).isEqualTo("delete ACT_RU_JOB");
		assertThat(GeneralLogCounts.kind("select * from ACT_RU_AUTHORIZATION A where A.TYPE_ = 2")).isEqualTo("select ACT_RU_AUTHORIZATION");
		assertThat(GeneralLogCounts.kind("SELECT CASE WHEN EXISTS (SELECT ID_ FROM ACT_RU_AUTHORIZATION) THEN 1 ELSE 0 END"))
			.isEqualTo("select ACT_RU_AUTHORIZATION");
		assertThat(GeneralLogCounts.kind("commit")).isEqualTo("COMMIT");
	}

}
