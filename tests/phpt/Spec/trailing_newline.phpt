--TEST--
Spec: a trailing newline makes a value break its rule (ids, dates, amounts, slugs, booleans, query values)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
attempt(fn() => people([['id' => "7\n"]]));
attempt(fn() => people([['id' => 1, 'applied_on' => "2024-01-01\n"]]));
attempt(fn() => people([['id' => 1, 'is_staff' => "1\n"]]));
attempt(fn() => people([['id' => 1, 'left_reason' => "other\n"]]));
attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', ['hours' => "1\n"])]));
attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', ['kind' => "abc\n"])]));
attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', ['category' => "service\n"])]));
attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', ['beneficiaries' => "3\n"])]));
$d = people([['id' => 1, 'applied_on' => '2024-01-01']]);
attempt(fn() => $d->stats(['to' => "2024-01-01\n"]));
attempt(fn() => $d->stats(['top' => "5\n"]));
attempt(fn() => $d->stats(['meeting_rules' => ["abc\n" => 'month']]));
attempt(fn() => $d->stats(['meeting_rules' => ['abc' => "month\n"]]));
?>
--EXPECT--
Dangjian\InvalidRecord: people[0].id: a string is not an id (an integer from 1 to 2147483647)
Dangjian\InvalidRecord: people[0].applied_on: a string is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
Dangjian\InvalidRecord: people[0].is_staff: a string is not a boolean
Dangjian\InvalidRecord: people[0].left_reason: a string is not a leaving reason (transfer, death, cancelled or other)
Dangjian\InvalidRecord: activities[0].hours: a string is not an amount (a number from 0 to 1000000000)
Dangjian\InvalidRecord: activities[0].kind: a string is not a slug (1 to 32 of a-z, 0-9, _)
Dangjian\InvalidRecord: activities[0].category: a string is not a category (service or meeting)
Dangjian\InvalidRecord: activities[0].beneficiaries: a string is not a count (an integer from 0 to 2147483647)
ValueError: query.to: a string is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
ValueError: query.top: a string is not an integer from 0 to 1000
ValueError: query.meeting_rules: a string is not a slug (1 to 32 of a-z, 0-9, _)
ValueError: query.meeting_rules.abc: a string is not month, quarter or year
