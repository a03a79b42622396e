--TEST--
Review 17: an add or a removal that fails, or has nothing to do, on a kept dataset copies nothing: the object still shares the kept dataset
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
use Dangjian\Cache;
Cache::put('k', review_dataset(300));
$bytes = fn () => Cache::info()['entries']['k'];
$d = Cache::get('k');
$calls = [
    fn () => $d->addPeople([['id' => 9], ['id' => 0]]),
    fn () => $d->addActivities([['id' => 900, 'date' => '2024-13-01', 'category' => 'service', 'kind' => 'x']]),
    fn () => $d->setHeadcount([['date' => '2024-01-01', 'count' => -1]]),
    fn () => $d->removeActivities([1, 99999]),
    fn () => $d->removePeople([2, 2]),
];
foreach ($calls as $call) {
    try {
        $call();
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
var_dump($d->addPeople([]), $d->addActivities([]), $d->removeActivities([]), $d->removePeople([]));
$b0 = $bytes();
$d->stats(); // still the kept dataset: its per-day cache is built there
var_dump($bytes() > $b0);
$d->addPeople([['id' => 9]]); // a good row: now it copies
var_dump($d->counts()['people'], Cache::get('k')->counts()['people']);
?>
--EXPECT--
people[1].id: 0 is not an id (an integer from 1 to 2147483647)
activities[0].date: "2024-13-01" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
headcount[0].count: -1 is not a count (an integer from 0 to 2147483647)
activities[1]: no id 99999
people[1]: duplicate id 2
int(0)
int(0)
int(0)
int(0)
bool(true)
int(3)
int(2)
