package cn.healthassist.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages' architecture (docs/development.md, "Layout"): no package depends on another that depends back on
 * it, the engine's extensions do not know the processes, and no bean cycle is hidden behind {@code @Lazy}.
 */
@AnalyzeClasses(packages = "cn.healthassist", importOptions = ImportOption.DoNotIncludeTests.class)
class PackagesTest {

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("cn.healthassist.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule engineKnowsNoProcess = noClasses().that()
		.resideInAnyPackage("cn.healthassist.engine..", "cn.healthassist.security..", "cn.healthassist.web..",
				"cn.healthassist.values..", "cn.healthassist.problems..", "cn.healthassist.config..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("cn.healthassist.chronic..", "cn.healthassist.referral..", "cn.healthassist.charity..",
				"cn.healthassist.followup..", "cn.healthassist.cases..", "cn.healthassist.audit..");

	@ArchTest
	static final ArchRule noLazyInjection = noClasses().should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.context.annotation.Lazy")
		.because("a bean cycle is broken by changing who depends on whom, not hidden behind a proxy");

}
