--TEST--
Dataset::addPeople(): rows in order, first error wins; in a row the value checks come before stage order, left_on and duplicate id
--EXTENSIONS--
dangjian
--FILE--
<?php
function attempt(array $rows) {
    $d = new Dangjian\Dataset();
    $d->addPeople([['id' => 1]]);
    try {
        $d->addPeople($rows);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
// duplicate id and a bad date in the same row: the value check wins
attempt([['id' => 1, 'left_on' => 'never']]);
// duplicate id and stage order: stage order wins
attempt([['id' => 1, 'applied_on' => '2024-02-01', 'activist_on' => '2024-01-01']]);
// stage order and left_on before the start: stage order wins
attempt([['id' => 2, 'applied_on' => '2024-02-01', 'activist_on' => '2024-01-01', 'left_on' => '2000-01-01']]);
// left_on and left_reason: the values first (left_reason), then left_on against the start
attempt([['id' => 2, 'applied_on' => '2024-02-01', 'left_on' => '2000-01-01', 'left_reason' => 'x']]);
// is_staff before the dates
attempt([['id' => 2, 'is_staff' => 'x', 'applied_on' => 'x']]);
// field order of the dates: applied_on before joined_on
attempt([['id' => 2, 'joined_on' => 'x', 'applied_on' => 'y']]);
// the first bad row wins
attempt([['id' => 2], ['id' => 3, 'full_on' => 'x'], ['id' => 0]]);
?>
--EXPECT--
people[0].left_on: "never" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[0].activist_on: 2024-01-01 is before applied_on 2024-02-01
people[0].activist_on: 2024-01-01 is before applied_on 2024-02-01
people[0].left_reason: "x" is not a leaving reason (transfer, death, cancelled or other)
people[0].is_staff: "x" is not a boolean
people[0].applied_on: "y" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
people[1].full_on: "x" is not a date (YYYY-MM-DD from 1900-01-01 to 2199-12-31)
