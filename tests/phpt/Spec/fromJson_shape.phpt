--TEST--
Spec: fromJson needs {"format":"dangjian-dataset","version":1 or 2}; people/activities/headcount optional; other keys ignored
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
foreach (['{"format":"dangjian-dataset","version":1}', '{"format":"dangjian-dataset","version":1,"plugin":{"x":1},"people":[]}',
          '{"format":"dangjian-dataset","version":3}', '{"format":"other","version":1}', '{"version":1}',
          '[]', '{"format":"dangjian-dataset","version":1,"people":{}}', '{"format":"dangjian-dataset"}',
          '{"format":"dangjian-dataset","version":1,"headcount":[{"date":"2024-01-01","count":3}]}'] as $json) {
    try {
        $d = Dangjian\Dataset::fromJson($json);
        echo 'ok ', j($d->counts()), "\n";
    } catch (Dangjian\InvalidJson $e) {
        echo 'InvalidJson ', preg_match('/^line \d+, column \d+: /', $e->getMessage()), "\n";
    }
}
?>
--EXPECT--
ok {"people":0,"activities":0,"participations":0}
ok {"people":0,"activities":0,"participations":0}
InvalidJson 1
InvalidJson 1
InvalidJson 1
InvalidJson 1
InvalidJson 1
InvalidJson 1
ok {"people":0,"activities":0,"participations":0}
