--TEST--
Dataset::removeActivities()/removePeople(): the figures equal a dataset built without the rows; removed ids can be added again
--EXTENSIONS--
dangjian
--FILE--
<?php
mt_srand(5);
$people = [];
for ($i = 1; $i <= 30; $i++) {
    $people[] = ['id' => $i * 3, 'joined_on' => sprintf('2023-%02d-%02d', 1 + $i % 12, 1 + $i % 27),
        'left_on' => $i % 7 === 0 ? '2024-05-01' : null];
}
$acts = [];
for ($i = 1; $i <= 80; $i++) {
    $parts = [];
    $n = mt_rand(0, 5);
    $s = mt_rand(0, 29);
    for ($j = 0; $j < $n; $j++) {
        $pid = 3 * (1 + ($s + $j) % 30);
        $parts[] = $j % 2 ? $pid : ['id' => $pid, 'hours' => mt_rand(0, 9) === 0 ? 450000 : 1.5];
    }
    $svc = $i % 3 !== 0;
    $acts[] = ['id' => $i % 4 === 0 ? 1000 - $i : $i, 'date' => sprintf('2024-%02d-%02d', 1 + $i % 12, 1 + $i % 28),
        'category' => $svc ? 'service' : 'meeting', 'kind' => $svc ? 'tutoring' : 'group_meeting',
        'hours' => $i % 9 === 0 ? 500000 : 2, 'donation' => $i % 11 === 0 ? 600000.25 : 0,
        'venue_kind' => $svc ? 'school' : '', 'venue' => $svc ? 'S' . ($i % 4) : '', 'participants' => $parts];
}
function build(array $people, array $acts): Dangjian\Dataset
{
    $d = new Dangjian\Dataset();
    $d->addPeople(array_values($people));
    $d->addActivities(array_values($acts));
    return $d;
}
function same(Dangjian\Dataset $a, Dangjian\Dataset $b): bool
{
    $q = ['from' => '2023-01-01', 'to' => '2024-12-31'];
    return $a->toJson() === $b->toJson() && $a->statsJson() === $b->statsJson()
        && $a->statsJson($q) === $b->statsJson($q) && $a->counts() === $b->counts();
}
$d = build($people, $acts);
$ok = true;
for ($step = 0; $step < 12; $step++) {
    if ($step % 2) {
        $keys = array_rand($acts, min(count($acts), 3));
        $ids = [];
        foreach ((array)$keys as $k) {
            $ids[] = (string)$acts[$k]['id'];
            unset($acts[$k]);
        }
        $r = $d->removeActivities($ids);
    } else {
        $k = array_rand($people);
        $pid = $people[$k]['id'];
        unset($people[$k]);
        foreach ($acts as &$a) {
            $a['participants'] = array_values(array_filter($a['participants'],
                fn ($p) => (is_array($p) ? $p['id'] : $p) !== $pid));
        }
        unset($a);
        $r = $d->removePeople([$pid]);
        $ids = [$pid];
    }
    $ok = $ok && $r === count($ids) && same($d, build($people, $acts));
}
var_dump($ok);

// removing then adding the same ids again
$e = build($people, $acts);
$first = array_slice(array_values($acts), 0, 2);
$e->removeActivities(array_column($first, 'id'));
var_dump($e->counts()['activities'] === count($acts) - 2);
var_dump($e->addActivities($first));
$rest = array_merge(array_slice(array_values($acts), 2), $first);
var_dump(same($e, build($people, $rest)));
try {
    $e->addActivities([$first[0]]);
} catch (Dangjian\InvalidRecord $x) {
    echo $x->getMessage(), "\n";
}
$p = array_values($people)[0];
$e->removePeople([$p['id']]);
var_dump($e->addPeople([$p]));
var_dump($e->counts()['people'] === count($people));
?>
--EXPECTF--
bool(true)
bool(true)
int(2)
bool(true)
activities[0].id: duplicate id %d
int(1)
bool(true)
