package cn.healthassist.cases;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The case search (mapper/cases/CaseSearchMapper.xml): indexed columns of ha_case only, never the history tables. */
@Mapper
public interface CaseSearchMapper {

	List<CaseRecord> search(@Param("q") CaseQuery query);

	long count(@Param("q") CaseQuery query);

}
