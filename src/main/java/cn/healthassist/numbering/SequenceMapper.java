package cn.healthassist.numbering;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface SequenceMapper {

	@Update("UPDATE ha_sequence SET next_value = next_value + 1 WHERE name = #{name}")
	int increment(@Param("name") String name);

	@Select("SELECT next_value FROM ha_sequence WHERE name = #{name}")
	Long current(@Param("name") String name);

	@Insert("INSERT INTO ha_sequence (name, next_value) VALUES (#{name}, 0)")
	int create(@Param("name") String name);

}
