package cn.healthassist.mappers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import cn.healthassist.Application;
import cn.healthassist.cases.CaseIndex;

/** What the slice holds: every mapper of the product, none of its other beans, no engine; and a test for each mapper. */
@MapperSliceTest
class MapperSliceContextTest {

	@Autowired
	private ApplicationContext context;

	private static List<Class<?>> mappers() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition d) {
				return d.getMetadata().isInterface();
			}
		};
		scan.addIncludeFilter(new AnnotationTypeFilter(Mapper.class));
		List<Class<?>> found = new ArrayList<>();
		for (BeanDefinition d : scan.findCandidateComponents("cn.healthassist")) {
			found.add(Class.forName(d.getBeanClassName()));
		}
		return found;
	}

	@Test
	void everyMapperOfTheProduct_isInTheSlice() throws ClassNotFoundException {
		List<Class<?>> mappers = mappers();
		assertThat(mappers).extracting(Class::getSimpleName)
			.containsExactlyInAnyOrder("AttachmentMapper", "AuditLogMapper", "CaseMapper", "CaseSearchMapper",
					"CertificateMapper", "TreatmentRecordMapper", "GrantMapper", "ReferralMapper", "ReferralReportMapper",
					"FollowupReportMapper", "FollowupVisitMapper", "OrganisationMapper", "ReminderMapper", "SequenceMapper",
					"SecurityEventMapper", "MyCasesMapper", "AccountMapper", "TotpMapper");
		mappers.forEach(m -> assertThat(context.getBean(m)).as(m.getName()).isNotNull());
	}

	@Test
	void everyMapper_hasASliceTestNextToIt() throws ClassNotFoundException {
		for (Class<?> m : mappers()) {
			Class<?> test = Class.forName(m.getName() + "Test");
			assertThat(test.isAnnotationPresent(MapperSliceTest.class)).as(test.getName()).isTrue();
		}
	}

	@Test
	void theProductsOtherBeansAndTheEngine_areNotInTheSlice() {
		assertThat(context.getBeanNamesForType(Application.class)).isEmpty();
		assertThat(context.getBeanNamesForType(CaseIndex.class)).isEmpty();
		assertThat(context.getBeanNamesForType(ProcessEngine.class)).isEmpty();
	}

}
