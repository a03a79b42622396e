--TEST--
Dataset objects: independent of each other, not cloneable, not serializable, no dynamic properties
--EXTENSIONS--
dangjian
--FILE--
<?php
$a = new Dangjian\Dataset();
$b = new Dangjian\Dataset();
$a->addPeople([['id' => 1]]);
var_dump($a->counts()['people'], $b->counts()['people']);
try {
    $c = clone $a;
    echo "cloned\n";
} catch (\Error $e) {
    echo get_class($e), "\n";
}
try {
    serialize($a);
    echo "serialized\n";
} catch (\Exception $e) {
    echo get_class($e), "\n";
}
try {
    $a->foo = 1;
    echo "property set\n";
} catch (\Error $e) {
    echo get_class($e), "\n";
}
// the object survives these attempts
var_dump($a->counts()['people']);
?>
--EXPECT--
int(1)
int(0)
Error
Exception
Error
int(1)
