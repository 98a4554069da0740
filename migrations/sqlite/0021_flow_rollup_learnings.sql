-- Rolled-up days now count each learning's recurrences: every stored day is marked, so reports
-- read it from its problems until the flow-rollup job has counted it again.
INSERT INTO `flow_day_marks` (`area_id`, `day`) SELECT `area_id`, `day` FROM `flow_days`;
