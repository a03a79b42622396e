--TEST--
Spec: by_month lists every month overlapping the period, partial first/last months included, zeros included
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = new Dangjian\Dataset();
$d->addActivities([
    svc(1, '2024-01-14', ['hours' => 9, 'beneficiaries' => 9]),
    svc(2, '2024-01-15', ['hours' => 1, 'beneficiaries' => 2]),
    svc(3, '2024-02-29', ['hours' => 2.5]),
    mtg(4, '2024-02-01', 'committee', ['hours' => 7]),
    svc(5, '2024-03-10', ['beneficiaries' => 1]),
    svc(6, '2024-03-11', ['hours' => 9, 'beneficiaries' => 9]),
]);
echo j($d->stats(['from' => '2024-01-15', 'to' => '2024-03-10'])['service']['by_month']), "\n";
echo j($d->stats(['from' => '2023-11-30', 'to' => '2024-02-01'])['service']['by_month']), "\n";
?>
--EXPECT--
[{"month":"2024-01","activities":1,"hours":1.0,"beneficiaries":2},{"month":"2024-02","activities":1,"hours":2.5,"beneficiaries":0},{"month":"2024-03","activities":1,"hours":0.0,"beneficiaries":1}]
[{"month":"2023-11","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2023-12","activities":0,"hours":0.0,"beneficiaries":0},{"month":"2024-01","activities":2,"hours":10.0,"beneficiaries":11},{"month":"2024-02","activities":0,"hours":0.0,"beneficiaries":0}]
