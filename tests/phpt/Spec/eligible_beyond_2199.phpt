--TEST--
Spec: "+ 1 year" may pass 2199-12-31 (eligible_candidates near the end of the range)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = people([['id' => 1, 'activist_on' => '2199-06-01'], ['id' => 2, 'activist_on' => '2198-06-01'],
             ['id' => 3, 'activist_on' => '2198-06-02']]);
echo $d->stats()['pipeline']['eligible_candidates'], ' ', $d->stats()['members']['activists'], "\n";
?>
--EXPECT--
1 3
