--TEST--
Spec: due dates and as_of + due_within may pass 2199-12-31 and print as real dates (2200 is not a leap year)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'admitted_on' => '2199-03-01'],
    ['id' => 2, 'admitted_on' => '2199-12-31'],
    ['id' => 3, 'admitted_on' => '2199-02-28'],
    ['id' => 4, 'admitted_on' => '2196-02-29'],
    ['id' => 5, 'admitted_on' => '2198-12-31'],
]);
foreach ([3660, 60, 59] as $w) {
    $p = $d->stats(['due_within' => $w])['pipeline'];
    echo $w, ': ', j($p['due_for_conversion']), "\n", j($p['overdue_conversion']), "\n";
}
preg_match('/"due_for_conversion":(\[[^\]]*\])/', $d->statsJson(['due_within' => 3660]), $m);
echo $m[1], "\n";
?>
--EXPECT--
3660: [{"id":3,"due_on":"2200-02-28"},{"id":1,"due_on":"2200-03-01"},{"id":2,"due_on":"2200-12-31"}]
[{"id":4,"due_on":"2197-03-01"},{"id":5,"due_on":"2199-12-31"}]
60: [{"id":3,"due_on":"2200-02-28"},{"id":1,"due_on":"2200-03-01"}]
[{"id":4,"due_on":"2197-03-01"},{"id":5,"due_on":"2199-12-31"}]
59: [{"id":3,"due_on":"2200-02-28"}]
[{"id":4,"due_on":"2197-03-01"},{"id":5,"due_on":"2199-12-31"}]
[{"id":3,"due_on":"2200-02-28"},{"id":1,"due_on":"2200-03-01"},{"id":2,"due_on":"2200-12-31"}]
