--TEST--
stats(): meeting_rules must be a map of slug => month|quarter|year
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
query_error(['meeting_rules' => 'month']);
query_error(['meeting_rules' => 5]);
query_error(['meeting_rules' => ['Committee' => 'month']]);
query_error(['meeting_rules' => [-1 => 'month']]);
query_error(['meeting_rules' => [-7 => 'year']]);
query_error(['meeting_rules' => ['committee' => 'week']]);
query_error(['meeting_rules' => ['committee' => 'month', 'theme_day' => 'Month']]);
query_error(['meeting_rules' => ['committee' => 1]]);
query_error(['meeting_rules' => ['committee' => null]]);
query_error(['meeting_rules' => ['committee' => 'month', 'x' => 'year', 'party_lesson' => 'quarter']]);
query_error(['meeting_rules' => []]);
query_error(['meeting_rules' => null]);
?>
--EXPECT--
ValueError: query.meeting_rules: "month" is not a map of meeting kinds
ValueError: query.meeting_rules: 5 is not a map of meeting kinds
ValueError: query.meeting_rules: "Committee" is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.meeting_rules: -1 is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.meeting_rules: -7 is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.meeting_rules.committee: "week" is not month, quarter or year
ValueError: query.meeting_rules.theme_day: "Month" is not month, quarter or year
ValueError: query.meeting_rules.committee: 1 is not month, quarter or year
ValueError: query.meeting_rules.committee: null is not month, quarter or year
ok
ok
ok
