-- Household categories (九类人群) and the disease catalogue (慢性病目录), SPEC section 5.
INSERT INTO ha_household_category (code, name, sort_order) VALUES
  ('dibao', '低保人员', 1),
  ('sanwu', '城市三无人员', 2),
  ('jingjian', '在乡精简老职工', 3),
  ('wubao', '五保户', 4),
  ('orphan', '孤儿', 5),
  ('hardship-child', '困境儿童', 6),
  ('priority-care', '重点优抚对象', 7),
  ('hardship-worker', '特困职工', 8),
  ('registered-poor', '建档立卡户', 9),
  ('none', '以上均不是', 10);

INSERT INTO ha_disease (code, name, category, sort_order) VALUES
  ('HTN', '高血压', 'key', 1),
  ('DM', '糖尿病', 'key', 2),
  ('SMI', '严重精神障碍', 'key', 3),
  ('TB', '结核病', 'key', 4),
  ('CVD', '脑血管病', 'common', 5),
  ('CHD', '冠心病', 'common', 6),
  ('COPD', '慢性阻塞性肺气肿', 'common', 7),
  ('RA', '类风湿性关节炎', 'common', 8),
  ('OA', '关节病(髋、膝)', 'common', 9),
  ('CB', '重型老年慢性支气管炎', 'common', 10),
  ('CKD', '慢性肾功能衰竭', 'other', 11),
  ('CHF', '慢性心功能不全', 'other', 12),
  ('EPI', '癫痫', 'other', 13),
  ('PD', '帕金森病', 'other', 14),
  ('CHB', '慢性乙型病毒性肝炎', 'other', 15);
