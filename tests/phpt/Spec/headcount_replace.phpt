--TEST--
Spec: setHeadcount replaces earlier points (default `to` follows); a rejected call keeps the earlier points
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'full_on' => '2020-01-01']]);
$show = function () use ($d) {
    $s = $d->stats();
    echo $s['period']['to'], ' ', var_export($s['members']['staff_headcount'], true), "\n";
};
$d->setHeadcount([['date' => '2030-06-01', 'count' => 5]]);
$show();
$d->setHeadcount([['date' => '2024-02-01', 'count' => 7]]);
$show();
attempt(fn() => $d->setHeadcount([['date' => '2025-01-01', 'count' => 8], ['date' => '2026-01-01', 'count' => 1],
                                  ['date' => '2025-01-01', 'count' => 9]]));
$show();
attempt(fn() => $d->setHeadcount([['date' => '2026-01-01', 'count' => 1], ['date' => '2026-02-01', 'count' => -1]]));
attempt(fn() => $d->setHeadcount([['count' => 1]]));
attempt(fn() => $d->setHeadcount([['date' => '', 'count' => 1]]));
attempt(fn() => $d->setHeadcount([['date' => '2026-01-01', 'count' => null]]));
attempt(fn() => $d->setHeadcount([['date' => '2026-01-01', 'count' => '07']]));
attempt(fn() => $d->setHeadcount([['date' => '2026-02-29', 'count' => 1]]));
$show();
$d->setHeadcount([]);
$show();
?>
--EXPECT--
2030-06-01 5
2024-02-01 7
Dangjian\InvalidRecord: headcount[2].date: duplicate date 2025-01-01
2024-02-01 7
Dangjian\InvalidRecord: headcount[1].count: -1 is not a count (an integer from 0 to 2147483647)
Dangjian\InvalidRecord: headcount[0].date: is required
Dangjian\InvalidRecord: headcount[0].date: is required
Dangjian\InvalidRecord: headcount[0].count: is required
Dangjian\InvalidRecord: headcount[0].count: "07" is not a count (an integer from 0 to 2147483647)
Dangjian\InvalidRecord: headcount[0].date: "2026-02-29" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
2024-02-01 7
2020-01-01 NULL
