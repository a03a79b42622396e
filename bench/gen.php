<?php
/*
 * bench/gen.php - the benchmark's synthetic dataset, deterministic (mt_srand).
 *
 *   php [-d extension=modules/dangjian.so] bench/gen.php OUTDIR PEOPLE ACTIVITIES SEED
 *
 * Builds the rows in PHP and feeds them to Dangjian\Dataset in chunks of
 * 10,000 (the extension when it is loaded, else the pure-PHP twin), then
 * writes three snapshots into OUTDIR:
 *   full.snap     people + headcount + activities with their participants
 *   noparts.snap  the same activities without participants   } for the
 *   people.snap   people + headcount only                     } memory split
 * and OUTDIR/meta.json (counts, timings), and the same rows as tab-separated files in the
 * plugin's table columns (people.tsv, activities.tsv, participants.tsv, headcount.tsv; NULL
 * as \N, LOAD DATA's escapes) for MariaDB (bench/mariadb.sh). The same seed and sizes give the
 * same rows on every machine (MT19937 is specified).
 *
 * The data: PEOPLE people with stage dates spread over 2016-2025 (applicants
 * who stop at every stage, transfers in, leavers with every reason, staff),
 * ACTIVITIES activities over 2023-2025 (80% service in 10 kinds, 20% meetings
 * in 7 kinds), venue kinds with a few thousand distinct venue names (some
 * blank, some padded with spaces), amounts with cents, 0-4 participants per
 * activity (2 on average, 10% with their own hours), and 10 headcount points.
 */

declare(strict_types=1);

use Dangjian\Dataset;

if ($argc < 5) {
    fwrite(STDERR, "usage: php bench/gen.php OUTDIR PEOPLE ACTIVITIES SEED\n");
    exit(2);
}
[$outDir, $nPeople, $nActs, $seed] = [$argv[1], (int)$argv[2], (int)$argv[3], (int)$argv[4]];
if ($nPeople < 10 || $nActs < 1) {
    fwrite(STDERR, "gen.php: need at least 10 people and 1 activity\n");
    exit(2);
}
if (!extension_loaded('dangjian')) {
    require __DIR__ . '/../php/fallback/load.php';
}
ini_set('memory_limit', '-1');
@mkdir($outDir, 0777, true);

const CHUNK = 10000;

// The TSV files for MariaDB: LOAD DATA's default escapes, NULL as \N.
function tsv($fh, array $fields): void
{
    $out = [];
    foreach ($fields as $v) {
        if ($v === null) {
            $out[] = '\\N';
        } elseif (is_bool($v)) {
            $out[] = $v ? '1' : '0';
        } else {
            $out[] = strtr((string)$v, ["\\" => "\\\\", "\t" => "\\t", "\n" => "\\n", "\r" => "\\r", "\0" => "\\0"]);
        }
    }
    fwrite($fh, implode("\t", $out) . "\n");
}
$TSV = [];
foreach (['people', 'activities', 'participants', 'headcount'] as $t) {
    $TSV[$t] = fopen("$outDir/$t.tsv", 'w');
}

mt_srand($seed, MT_RAND_MT19937);

// Day numbers (days since 1970-01-01) and their 'YYYY-MM-DD' text.
function day_of(string $ymd): int
{
    return intdiv((int)gmmktime(0, 0, 0, (int)substr($ymd, 5, 2), (int)substr($ymd, 8, 2), (int)substr($ymd, 0, 4)), 86400);
}
$PEOPLE_FROM = day_of('2016-01-01');
$END = day_of('2025-12-31');
$ACT_FROM = day_of('2023-01-01');
$DATE = [];
for ($d = day_of('2000-01-01'); $d <= $END; $d++) {
    $DATE[$d] = gmdate('Y-m-d', $d * 86400);
}
$addYear = static function (int $d) use ($DATE): int {
    // same month and day a year later; 29 February -> 1 March
    $s = $DATE[$d];
    $y = (int)substr($s, 0, 4) + 1;
    $m = (int)substr($s, 5, 2);
    $dd = (int)substr($s, 8, 2);
    if ($m === 2 && $dd === 29) {
        $m = 3;
        $dd = 1;
    }
    return intdiv((int)gmmktime(0, 0, 0, $m, $dd, $y), 86400);
};

$t0 = hrtime(true);

// ---------------------------------------------------------------- people
$people = [];
$ids = [];
$reasons = ['transfer', 'death', 'cancelled', 'other'];
$full = new Dataset();
$noparts = new Dataset();
$onlyPeople = new Dataset();
$feedPeople = static function (array $rows) use ($full, $noparts, $onlyPeople): void {
    $full->addPeople($rows);
    $noparts->addPeople($rows);
    $onlyPeople->addPeople($rows);
};
for ($i = 0; $i < $nPeople; $i++) {
    $id = 1 + 3 * $i + mt_rand(0, 2); // sparse, ascending
    $ids[] = $id;
    $st = [null, null, null, null, null]; // applied, activist, candidate, admitted, full
    $joined = null;
    $r = mt_rand(1, 100);
    if ($r <= 10) {
        // transferred in: a member elsewhere, stage dates before joining
        $joined = mt_rand($PEOPLE_FROM, $END);
        $full_on = $joined - mt_rand(30, 2500);
        $adm = $full_on - 365 - mt_rand(0, 40);
        if (mt_rand(1, 4) === 1) {
            // joined while probationary: converts here a year after admission, unless that is
            // still ahead (or, rarely, never: overdue)
            $adm = $joined - mt_rand(10, 300);
            $full_on = $addYear($adm) + mt_rand(0, 30);
            if ($full_on > $END || mt_rand(1, 40) === 1) {
                $full_on = null;
            }
        }
        $cand = $adm - mt_rand(60, 400);
        $st = [mt_rand(0, 2) === 0 ? null : $cand - mt_rand(500, 900), $cand - mt_rand(370, 480), $cand, $adm, $full_on];
    } else {
        $d = mt_rand($PEOPLE_FROM, $END);
        $st[0] = $d;
        // each stage reached with some probability, never past the end date
        $steps = [[80, 30, 240], [65, 365, 600], [80, 60, 300]];
        foreach ($steps as $k => [$p, $lo, $hi]) {
            if (mt_rand(1, 100) > $p) {
                break;
            }
            $d += mt_rand($lo, $hi);
            if ($d > $END) {
                break;
            }
            $st[$k + 1] = $d;
        }
        if ($st[3] !== null && mt_rand(1, 100) <= 97) {
            $f = $addYear($st[3]) + (mt_rand(1, 5) === 1 ? mt_rand(1, 90) : 0);
            if ($f <= $END) {
                $st[4] = $f;
            }
        }
        if (mt_rand(1, 50) === 1) {
            $st[0] = null; // started as an activist
        }
    }
    $start = $joined;
    if ($start === null) {
        foreach ($st as $x) {
            if ($x !== null) {
                $start = $x;
                break;
            }
        }
    }
    $left = null;
    $reason = null;
    if ($start !== null && mt_rand(1, 100) <= 8 && $start < $END) {
        $left = mt_rand($start + 1, $END);
        $reason = mt_rand(1, 20) === 1 ? null : $reasons[mt_rand(0, 3)];
    }
    $staff = mt_rand(1, 4) === 1;
    tsv($TSV['people'], [$id, "p$id", $staff, $st[0] === null ? null : $DATE[$st[0]],
        $st[1] === null ? null : $DATE[$st[1]], $st[2] === null ? null : $DATE[$st[2]],
        $st[3] === null ? null : $DATE[$st[3]], $st[4] === null ? null : $DATE[$st[4]],
        $joined === null ? null : $DATE[$joined], $left === null ? null : $DATE[$left], $reason]);
    $people[] = [
        'id' => $id,
        'is_staff' => $staff,
        'applied_on' => $st[0] === null ? null : $DATE[$st[0]],
        'activist_on' => $st[1] === null ? null : $DATE[$st[1]],
        'candidate_on' => $st[2] === null ? null : $DATE[$st[2]],
        'admitted_on' => $st[3] === null ? null : $DATE[$st[3]],
        'full_on' => $st[4] === null ? null : $DATE[$st[4]],
        'joined_on' => $joined === null ? null : $DATE[$joined],
        'left_on' => $left === null ? null : $DATE[$left],
        'left_reason' => $reason,
    ];
    if (count($people) === CHUNK) {
        $feedPeople($people);
        $people = [];
    }
}
if ($people) {
    $feedPeople($people);
}
$people = null;

$headcount = [];
for ($y = 2016; $y <= 2025; $y++) {
    // the unit's staff: more than its staff party members, growing every year
    $headcount[] = ['date' => "$y-01-01", 'count' => intdiv($nPeople * ($y - 2012), 40) + mt_rand(0, intdiv($nPeople, 100) + 1)];
}
foreach ($headcount as $h) {
    tsv($TSV['headcount'], [$h['date'], $h['count']]);
}
$full->setHeadcount($headcount);
$noparts->setHeadcount($headcount);
$onlyPeople->setHeadcount($headcount);
$onlyPeople->save("$outDir/people.snap");
$onlyPeople = null;
$tPeople = hrtime(true);

// ------------------------------------------------------------ activities
$serviceKinds = ['counseling', 'cleanup', 'elder_care', 'tutoring', 'blood_drive', 'legal_aid',
    'health_check', 'poverty_relief', 'environment', 'home_visit'];
$meetingKinds = ['committee', 'group_meeting', 'theme_day', 'branch_assembly', 'party_lesson',
    'life_meeting', 'study_session'];
$meetingWeights = [0, 0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 1, 0]; // indexes into $meetingKinds
$venueKinds = ['community', 'school', 'hospital', 'park', 'nursing_home', 'village', 'enterprise', ''];
$prefixes = ['阳光', '和平', '红星', '新华', '人民', '幸福', '光明', '建设', '友谊', '长江', 'Riverside ', 'Oak '];
$suffix = ['community' => '社区', 'school' => '小学', 'hospital' => '医院', 'park' => '公园',
    'nursing_home' => '敬老院', 'village' => '村', 'enterprise' => '公司', '' => '活动中心'];
$venues = []; // per venue kind: ~400 names, so a few thousand distinct in all
foreach ($venueKinds as $vk) {
    $names = [];
    for ($k = 0; $k < 400; $k++) {
        $names[] = $prefixes[$k % 12] . $suffix[$vk] . intdiv($k, 12) . '号';
    }
    $names[] = '';      // blank: not a venue, still counted under the kind
    $names[] = '   ';   // blank after trimming
    $venues[$vk] = $names;
}
$nVenue = 402;

$hot = max(1, intdiv($nPeople, 20)); // a core of frequent volunteers
$actRows = [];
$bareRows = [];
$nParts = 0;
$id = 0;
for ($j = 0; $j < $nActs; $j++) {
    $id += 1 + mt_rand(0, 1); // ascending, with gaps
    $service = mt_rand(1, 100) <= 80;
    $vk = $venueKinds[mt_rand(0, 7)];
    $vi = mt_rand(0, $nVenue - 1);
    $venue = $venues[$vk][$vi];
    if ($vi % 50 === 7) {
        $venue = " $venue\t"; // trimmed to the same name
    }
    $hours = mt_rand(25, 800) / 100;
    $row = [
        'id' => $id,
        'date' => $DATE[mt_rand($ACT_FROM, $END)],
        'category' => $service ? 'service' : 'meeting',
        'kind' => $service ? $serviceKinds[mt_rand(0, 9)] : $meetingKinds[$meetingWeights[mt_rand(0, 13)]],
        'hours' => ($j % 16 === 3) ? (string)$hours : $hours,
        'fee_waived' => ($service && mt_rand(1, 10) <= 3) ? mt_rand(0, 50000) / 100 : 0,
        'donation' => ($service && mt_rand(1, 10) <= 2) ? mt_rand(100, 100000) / 100 : null,
        'beneficiaries' => $service ? mt_rand(0, 200) : 0,
        'venue_kind' => $vk,
        'venue' => $venue,
    ];
    $k = mt_rand(0, 4);
    $parts = [];
    $seen = [];
    while (count($parts) < $k) {
        $p = mt_rand(1, 2) === 1 ? mt_rand(0, $hot - 1) : mt_rand(0, $nPeople - 1);
        if (isset($seen[$p])) {
            continue;
        }
        $seen[$p] = true;
        $parts[] = mt_rand(1, 10) === 1 ? ['id' => $ids[$p], 'hours' => mt_rand(0, 1200) / 100] : $ids[$p];
    }
    $nParts += $k;
    tsv($TSV['activities'], [$id, $row['date'], $row['category'], $row['kind'], $hours, $row['fee_waived'],
        $row['donation'] ?? 0, $row['beneficiaries'], $vk, $venue]);
    foreach ($parts as $pp) {
        tsv($TSV['participants'], is_array($pp) ? [$id, $pp['id'], $pp['hours']] : [$id, $pp, null]);
    }
    $bareRows[] = $row;
    $row['participants'] = $parts;
    $actRows[] = $row;
    if (count($actRows) === CHUNK) {
        $full->addActivities($actRows);
        $noparts->addActivities($bareRows);
        $actRows = [];
        $bareRows = [];
    }
}
if ($actRows) {
    $full->addActivities($actRows);
    $noparts->addActivities($bareRows);
}
$actRows = $bareRows = null;
$tActs = hrtime(true);

foreach ($TSV as $fh) {
    fclose($fh);
}
$noparts->save("$outDir/noparts.snap");
$noparts = null;
$full->save("$outDir/full.snap.tmp");
rename("$outDir/full.snap.tmp", "$outDir/full.snap");
$counts = $full->counts();
$tEnd = hrtime(true);

if ($counts['people'] !== $nPeople || $counts['activities'] !== $nActs || $counts['participations'] !== $nParts) {
    fwrite(STDERR, "gen.php: counts differ from the rows given: " . json_encode($counts) . "\n");
    exit(1);
}
file_put_contents("$outDir/meta.json", json_encode([
    'people' => $counts['people'],
    'activities' => $counts['activities'],
    'participations' => $counts['participations'],
    'seed' => $seed,
    'engine' => extension_loaded('dangjian') ? 'extension' : 'twin',
    'build_people_s' => round(($tPeople - $t0) / 1e9, 2),
    'build_activities_s' => round(($tActs - $tPeople) / 1e9, 2),
    'save_s' => round(($tEnd - $tActs) / 1e9, 2),
], JSON_PRETTY_PRINT) . "\n");
echo "generated {$counts['people']} people, {$counts['activities']} activities, "
    . "{$counts['participations']} participations in " . round(($tEnd - $t0) / 1e9, 1) . " s\n";
