--TEST--
Spec: fromJson accepts bare participant ids (hours from the activity); toJson writes every participant as {id, hours}
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$json = '{"format":"dangjian-dataset","version":1,"people":[{"id":1},{"id":2},{"id":3}],'
      . '"activities":[{"id":1,"date":"2024-01-05","category":"service","kind":"visit","hours":2,'
      . '"participants":[1,{"id":2},{"id":3,"hours":1}]}]}';
$d = Dangjian\Dataset::fromJson($json);
echo j($d->counts()), ' ', j($d->stats()['service']['volunteer_hours']), "\n";
preg_match('/"participants":(\[[^\]]*\])/', $d->toJson(), $m);
echo $m[1], "\n";
?>
--EXPECT--
{"people":3,"activities":1,"participations":3} 5.0
[{"id":1,"hours":2.0},{"id":2,"hours":2.0},{"id":3,"hours":1.0}]
