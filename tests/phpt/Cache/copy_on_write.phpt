--TEST--
Cache: what is kept never changes: adding to the object given to put() or returned by get() copies the data first
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$d = cache_dataset(10);
$before = $d->statsJson(CACHE_Q);
Dangjian\Cache::put('k', $d);

// the object given to put() stays writable; the kept data does not see its adds
var_dump($d->addPeople([['id' => 3, 'applied_on' => '2024-05-01']]));
var_dump($d->addActivities([['id' => 100, 'date' => '2024-06-01', 'category' => 'meeting', 'kind' => 'committee', 'participants' => [3]]]));
$d->setHeadcount([['date' => '2024-01-01', 'count' => 9]]);
var_dump($d->counts()['people'], Dangjian\Cache::get('k')->counts()['people']);
var_dump(Dangjian\Cache::get('k')->statsJson(CACHE_Q) === $before);

// an object from get() is writable too, by copy
$a = Dangjian\Cache::get('k');
$b = Dangjian\Cache::get('k');
var_dump($a->addActivities([['id' => 11, 'date' => '2024-07-01', 'category' => 'service', 'kind' => 'k0', 'hours' => 2, 'participants' => [1]]]));
var_dump($a->counts()['activities'], $b->counts()['activities'], Dangjian\Cache::get('k')->counts()['activities']);
var_dump($b->statsJson(CACHE_Q) === $before, Dangjian\Cache::get('k')->statsJson(CACHE_Q) === $before);
// a failed add on a kept object changes nothing anywhere
$c = Dangjian\Cache::get('k');
try {
    $c->addPeople([['id' => 1]]);
} catch (Dangjian\InvalidRecord $e) {
    echo $e->getMessage(), "\n";
}
var_dump($c->statsJson(CACHE_Q) === $before, Dangjian\Cache::get('k')->statsJson(CACHE_Q) === $before);
// the copy equals a dataset built with the same rows
$ref = cache_dataset(10);
$ref->addActivities([['id' => 11, 'date' => '2024-07-01', 'category' => 'service', 'kind' => 'k0', 'hours' => 2, 'participants' => [1]]]);
var_dump($a->statsJson(CACHE_Q) === $ref->statsJson(CACHE_Q), $a->toJson() === $ref->toJson());

// put() of a new dataset under the same key replaces the kept one
Dangjian\Cache::put('k', $a);
var_dump(Dangjian\Cache::get('k')->counts()['activities']);
Dangjian\Cache::clear();
?>
--EXPECT--
int(1)
int(1)
int(3)
int(2)
bool(true)
int(1)
int(11)
int(10)
int(10)
bool(true)
bool(true)
people[0].id: duplicate id 1
bool(true)
bool(true)
bool(true)
bool(true)
int(11)
