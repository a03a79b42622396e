--TEST--
Dataset::addPeople(): the index in a message is the 0-based position in iteration order, not the key
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
try {
    $d->addPeople([10 => ['id' => 1], 'x' => ['id' => 2], 3 => ['id' => 'two']]);
} catch (Dangjian\InvalidRecord $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($d->counts()['people']);
?>
--EXPECT--
Dangjian\InvalidRecord: people[2].id: "two" is not an id (an integer from 1 to 2147483647)
int(0)
