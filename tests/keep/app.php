<?php
/**
 * tests/keep/app.php - the page that run.sh requests several times from one `php -S` worker.
 *
 * ?do=build  builds a dataset, keeps it under "k" and says "built"
 * ?do=read   prints "found" with the kept dataset's counts and statsJson hash, or "missing"
 * ?do=write  adds an activity to the object from Cache::get() (a copy is made) and prints its counts
 * ?do=info   prints Cache::info() as JSON
 * ?do=filter prints the kept dataset's service.activities under a filter (one project, one kind)
 * Every answer starts with the worker's pid, so run.sh can check that one process served them all.
 */
header('Content-Type: text/plain');
$pid = getmypid();
$do = $_GET['do'] ?? 'read';
$q = ['from' => '2024-01-01', 'to' => '2024-12-31'];
$fq = $q + ['filter' => ['projects' => ['临江县洪灾心理援助'], 'kinds' => ['counseling']]];
// the figures a request reads: unfiltered and filtered, in one token
$hash = fn (Dangjian\Dataset $d) => md5($d->statsJson($q)) . '+' . md5($d->statsJson($fq));
if ($do === 'build') {
    $d = new Dangjian\Dataset();
    $people = [];
    for ($i = 1; $i <= 200; $i++) {
        $people[] = ['id' => $i, 'applied_on' => '2023-01-01', 'admitted_on' => $i % 2 ? '2023-06-01' : null,
            'hired_on' => $i % 4 ? null : '2024-03-01'];
    }
    $d->addPeople($people);
    $acts = [];
    for ($i = 1; $i <= 5000; $i++) {
        $acts[] = ['id' => $i, 'date' => sprintf('2024-%02d-%02d', 1 + $i % 12, 1 + $i % 28), 'category' => $i % 7 ? 'service' : 'meeting',
            'kind' => $i % 7 ? 'counseling' : 'committee', 'hours' => 1 + $i % 5, 'participants' => [1 + $i % 200, 1 + ($i * 7 + 1) % 200],
            'project' => $i % 3 ? ' 临江县洪灾心理援助' : null];
    }
    $d->addActivities($acts);
    $kept = Dangjian\Cache::put('k', $d);
    echo "$pid ", $kept ? 'built' : 'not-kept', ' ', $hash($d), "\n";
} elseif ($do === 'read') {
    $d = Dangjian\Cache::get('k');
    echo "$pid ", $d ? 'found ' . json_encode($d->counts()) . ' ' . $hash($d) : 'missing', "\n";
} elseif ($do === 'write') {
    $d = Dangjian\Cache::get('k');
    $d->addActivities([['id' => 99999, 'date' => '2024-05-05', 'category' => 'service', 'kind' => 'lecture', 'hours' => 3, 'participants' => [1]]]);
    echo "$pid wrote ", json_encode($d->counts()), "\n";
} elseif ($do === 'filter') {
    $d = Dangjian\Cache::get('k');
    echo "$pid ", $d ? $d->stats($fq)['service']['activities'] : 'missing', "\n";
} elseif ($do === 'info') {
    $i = Dangjian\Cache::info();
    echo "$pid ", json_encode(['entries' => array_keys($i['entries']), 'hits' => $i['hits'], 'persistent' => $i['persistent']]), "\n";
}
