--TEST--
stats(): top_volunteers by hours desc, activities desc, id asc; at most top
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$d->addPeople([['id' => 1], ['id' => 2], ['id' => 3], ['id' => 4], ['id' => 5]]);
$d->addActivities([
    ['id' => 1, 'date' => '2024-01-05', 'category' => 'service', 'kind' => 'repair', 'hours' => 2,
     'participants' => [5, 4, ['id' => 3, 'hours' => 1], ['id' => 2, 'hours' => 1]]],
    ['id' => 2, 'date' => '2024-01-06', 'category' => 'service', 'kind' => 'repair', 'hours' => 1, 'participants' => [3]],
    ['id' => 3, 'date' => '2024-01-07', 'category' => 'meeting', 'kind' => 'committee', 'hours' => 9, 'participants' => [1, 2]],
]);
$q = ['from' => '2024-01-01', 'to' => '2024-12-31'];
echo json_encode($d->stats($q)['service']['top_volunteers'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats($q + ['top' => '3'])['service']['top_volunteers'], JSON_PRESERVE_ZERO_FRACTION), "\n";
echo json_encode($d->stats($q + ['top' => 1000])['service']['volunteers'], JSON_PRESERVE_ZERO_FRACTION), "\n";
?>
--EXPECT--
[{"id":3,"hours":2.0,"activities":2},{"id":4,"hours":2.0,"activities":1},{"id":5,"hours":2.0,"activities":1},{"id":2,"hours":1.0,"activities":1}]
[{"id":3,"hours":2.0,"activities":2},{"id":4,"hours":2.0,"activities":1},{"id":5,"hours":2.0,"activities":1}]
4
