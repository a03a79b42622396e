<?php
/**
 * bench/write.php - the upkeep of one write at 1M activities (issue 5): a copy of the kept dataset
 * (Dangjian\Cache's, copied on the first write) plus one insert, one edit (remove + add of the same
 * id) or one delete; then keeping the result (Cache::put) and the snapshot upkeep.
 *
 * The plugin's snapshot upkeep per write is the delta option (one small INSERT into wp_options by
 * Engine::on_data_changed); the snapshot file is saved again only when a reader's chain of deltas
 * reached DELTA_MAX / 2 = 32 writes, so save() is timed once and reported per write amortized.
 *
 *   php -d extension=modules/dangjian.so -d dangjian.cache_size=1G bench/write.php [data dir] [runs]
 * The data dir defaults to the newest .work/bench/data-p100000-a1000000-* directory (bench/gen.php makes it).
 */

$dir = ($argv[1] ?? '') ?: null;
if (null === $dir) {
    $dirs = glob(__DIR__ . '/../.work/bench/data-p100000-a1000000-*', GLOB_ONLYDIR) ?: [];
    usort($dirs, fn ($a, $b) => filemtime($b) <=> filemtime($a));
    $dir = $dirs[0] ?? null;
}
$runs = (int)($argv[2] ?? 7);
if (null === $dir || !is_file("$dir/full.snap")) {
    fwrite(STDERR, "write.php: no data dir with full.snap (run bench/gen.php)\n");
    exit(1);
}
if (!extension_loaded('dangjian') || !Dangjian\Cache::enabled()) {
    fwrite(STDERR, "write.php: needs the extension and dangjian.cache_size (e.g. 1G)\n");
    exit(1);
}

/** The id (first column) of line $n (1-based) of a TSV file. */
function tsv_id(string $path, int $n): int
{
    $f = fopen($path, 'r');
    for ($i = 1; $i < $n; $i++) {
        fgets($f);
    }
    $id = (int)strtok((string)fgets($f), "\t");
    fclose($f);
    return $id;
}

$t = microtime(true);
$kept = Dangjian\Dataset::load("$dir/full.snap");
$load_ms = (microtime(true) - $t) * 1000;
$counts = $kept->counts();
Dangjian\Cache::put('bench', $kept);
unset($kept);

$people = [tsv_id("$dir/people.tsv", 10), tsv_id("$dir/people.tsv", 50000), tsv_id("$dir/people.tsv", 99990)];
$mid = tsv_id("$dir/activities.tsv", 500000);
$row = fn (int $id) => ['id' => $id, 'date' => '2025-06-01', 'category' => 'service', 'kind' => 'counseling',
    'hours' => 2.5, 'fee_waived' => 0, 'donation' => 10, 'beneficiaries' => 3, 'venue_kind' => 'community',
    'venue' => '阳光社区', 'participants' => [$people[0], ['id' => $people[1], 'hours' => 1.5], $people[2]]];

$ops = [
    'copy only (first write of a kept dataset)' => fn ($d) => $d->removeActivities([]),
    'insert one activity' => fn ($d) => $d->addActivities([$row(2000000000)]),
    'edit one activity (remove + add, id mid-range)' => function ($d) use ($row, $mid) {
        $d->removeActivities([$mid]);
        $d->addActivities([$row($mid)]);
    },
    'delete one activity' => fn ($d) => $d->removeActivities([$mid]),
    'delete one person' => fn ($d) => $d->removePeople([$people[1]]),
];

function median(array $v): float
{
    sort($v);
    return $v[intdiv(count($v), 2)];
}

printf("data: %s (%d people, %d activities, %d participations); load %.0f ms\n", basename($dir),
    $counts['people'], $counts['activities'], $counts['participations'], $load_ms);
printf("%-48s %10s %10s %10s\n", 'one write on a copy of the kept dataset', 'median ms', 'min ms', 'max ms');
$results = [];
foreach ($ops as $name => $fn) {
    $ms = [];
    for ($i = 0; $i < $runs; $i++) {
        $d = Dangjian\Cache::get('bench');
        $t = microtime(true);
        $fn($d);
        $ms[] = (microtime(true) - $t) * 1000;
        unset($d);
    }
    $results[$name] = $ms;
    printf("%-48s %10.1f %10.1f %10.1f\n", $name, median($ms), min($ms), max($ms));
}

// The plugin's path (Engine::from_deltas): the out-of-date version is taken out of the cache before
// the write, so the dataset has no other holder and is changed in place, without a copy. Each run
// starts from its own unshared copy, made before the clock starts.
printf("%-48s %10s %10s %10s\n", 'one write on a dataset taken out of the cache', 'median ms', 'min ms', 'max ms');
foreach ($ops as $name => $fn) {
    if (str_starts_with($name, 'copy only')) {
        continue;
    }
    $ms = [];
    for ($i = 0; $i < $runs; $i++) {
        $d = Dangjian\Cache::get('bench');
        $d->removeActivities([]); // the copy, not timed: $d is now its own
        $t = microtime(true);
        $fn($d);
        $ms[] = (microtime(true) - $t) * 1000;
        unset($d);
    }
    $results["in place: $name"] = $ms;
    printf("%-48s %10.1f %10.1f %10.1f\n", $name, median($ms), min($ms), max($ms));
}

// Keeping the written copy for the next request, and the snapshot.
$d = Dangjian\Cache::get('bench');
$d->removeActivities([$mid]);
$d->addActivities([$row($mid)]);
$put = [];
for ($i = 0; $i < $runs; $i++) {
    $t = microtime(true);
    Dangjian\Cache::put('bench-next-' . ($i % 2), $d);
    $put[] = (microtime(true) - $t) * 1000;
}
printf("%-48s %10.1f %10.1f %10.1f\n", 'Cache::put of the written copy', median($put), min($put), max($put));
// The next edit, on the kept result of an edit (which keeps its activity id hash).
$mid2 = tsv_id("$dir/activities.tsv", 250000);
$again = [];
for ($i = 0; $i < $runs; $i++) {
    $e = Dangjian\Cache::get('bench-next-0');
    $t = microtime(true);
    $e->removeActivities([$mid2]);
    $e->addActivities([$row($mid2)]);
    $again[] = (microtime(true) - $t) * 1000;
    unset($e);
}
printf("%-48s %10.1f %10.1f %10.1f\n", 'a next edit, on the kept result of an edit', median($again), min($again), max($again));
Dangjian\Cache::delete('bench-next-0');
Dangjian\Cache::delete('bench-next-1');
$path = sys_get_temp_dir() . '/dj-write-bench-' . getmypid() . '.snap';
$save = [];
for ($i = 0; $i < 3; $i++) {
    $t = microtime(true);
    $d->save($path);
    $save[] = (microtime(true) - $t) * 1000;
}
@unlink($path);
printf("%-48s %10.1f %10.1f %10.1f\n", 'save() of the whole snapshot', median($save), min($save), max($save));
printf("%-48s %10.1f\n", '... amortized over the 32 writes of a chain', median($save) / 32);
