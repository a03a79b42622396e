--TEST--
Arguments of the wrong type are TypeErrors
--EXTENSIONS--
dangjian
--FILE--
<?php
$d = new Dangjian\Dataset();
$calls = [
    fn() => $d->addPeople('rows'),
    fn() => $d->addActivities(null),
    fn() => $d->setHeadcount(5),
    fn() => $d->stats('2024'),
    fn() => $d->statsJson(new stdClass()),
    fn() => Dangjian\Dataset::fromJson([]),
    fn() => $d->save([]),
    fn() => Dangjian\Dataset::load(['x']),
];
foreach ($calls as $f) {
    try {
        $f();
        echo "accepted\n";
    } catch (\TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
TypeError: Dangjian\Dataset::addPeople(): Argument #1 ($rows) must be of type array, string given%S
TypeError: Dangjian\Dataset::addActivities(): Argument #1 ($rows) must be of type array, null given%S
TypeError: Dangjian\Dataset::setHeadcount(): Argument #1 ($points) must be of type array, int given%S
TypeError: Dangjian\Dataset::stats(): Argument #1 ($query) must be of type array, string given%S
TypeError: Dangjian\Dataset::statsJson(): Argument #1 ($query) must be of type array, stdClass given%S
TypeError: Dangjian\Dataset::fromJson(): Argument #1 ($json) must be of type string, array given%S
TypeError: Dangjian\Dataset::save(): Argument #1 ($path) must be of type string, array given%S
TypeError: Dangjian\Dataset::load(): Argument #1 ($path) must be of type string, array given%S
