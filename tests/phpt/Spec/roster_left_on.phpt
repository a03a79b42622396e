--TEST--
Spec: on the roster while D < left_on; not on left_on itself; left_on == start means never on the roster
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([
    ['id' => 1, 'applied_on' => '2024-01-01', 'full_on' => '2024-01-02', 'left_on' => '2024-06-01'],
    ['id' => 2, 'full_on' => '2024-01-01', 'left_on' => '2024-01-01'],
]);
foreach (['2023-12-31', '2024-01-01', '2024-05-31', '2024-06-01'] as $asOf) {
    $s = $d->stats(['from' => '2024-01-01', 'to' => '2024-12-31', 'as_of' => $asOf]);
    echo $asOf, ': ', stages($s), ' party ', $s['members']['party_members'], "\n";
}
?>
--EXPECT--
2023-12-31: 0 0 0 0 0 party 0
2024-01-01: 1 0 0 0 0 party 0
2024-05-31: 0 0 0 0 1 party 1
2024-06-01: 0 0 0 0 0 party 0
