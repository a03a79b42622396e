--TEST--
Review 16: two Dataset objects are never equal with ==, whatever they hold (uncomparable, as closures); one object equals itself
--EXTENSIONS--
dangjian
--FILE--
<?php
use Dangjian\Dataset;
$a = new Dataset();
$b = new Dataset();
var_dump($a == $b, $a != $b, $a < $b, $a > $b, $a <=> $b);
$a->addPeople([['id' => 1]]);
$c = Dataset::fromJson($a->toJson());
var_dump($a == $c, $a == $a, $a === $a, $a != $c);
var_dump(in_array($b, [$a, $c]), in_array($a, [$b, $a]));
?>
--EXPECT--
bool(false)
bool(true)
bool(false)
bool(false)
int(1)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
