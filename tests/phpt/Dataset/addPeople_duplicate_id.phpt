--TEST--
Dataset::addPeople(): a duplicate id, within the call or with people already added, names the later row
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
try {
    $d->addPeople([['id' => 5], ['id' => 6], ['id' => '5']]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
var_dump($d->addPeople([['id' => 7]]));
try {
    $d->addPeople([['id' => 8], ['id' => 7]]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
var_dump($d->counts()['people']);
?>
--EXPECT--
people[2].id: duplicate id 5
int(1)
people[1].id: duplicate id 7
int(1)
