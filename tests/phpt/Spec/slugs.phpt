--TEST--
Spec: kind and venue_kind are slugs [a-z0-9_]{1,32} (32 ok, 33 not, no uppercase); venue_kind may be ''; category is service or meeting
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$cases = [
    ['kind' => str_repeat('a', 32)], ['kind' => str_repeat('z', 33)], ['kind' => 'Visit'], ['kind' => 'a-b'],
    ['kind' => ''], ['kind' => 'a_0'], ['kind' => 'é'], ['kind' => 'a b'], ['kind' => null],
    ['venue_kind' => ''], ['venue_kind' => null], ['venue_kind' => 'A'], ['venue_kind' => str_repeat('9', 32)],
    ['venue_kind' => str_repeat('_', 33)],
    ['category' => 'Service'], ['category' => 'meeting'], ['category' => ''], ['category' => 'other'],
];
foreach ($cases as $extra) {
    echo j($extra), ': ';
    attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', $extra)]));
}
?>
--EXPECT--
{"kind":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}: ok 1
{"kind":"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"}: Dangjian\InvalidRecord: activities[0].kind: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz" is not a slug (1 to 32 of a-z, 0-9, _)
{"kind":"Visit"}: Dangjian\InvalidRecord: activities[0].kind: "Visit" is not a slug (1 to 32 of a-z, 0-9, _)
{"kind":"a-b"}: Dangjian\InvalidRecord: activities[0].kind: "a-b" is not a slug (1 to 32 of a-z, 0-9, _)
{"kind":""}: Dangjian\InvalidRecord: activities[0].kind: "" is not a slug (1 to 32 of a-z, 0-9, _)
{"kind":"a_0"}: ok 1
{"kind":"é"}: Dangjian\InvalidRecord: activities[0].kind: "é" is not a slug (1 to 32 of a-z, 0-9, _)
{"kind":"a b"}: Dangjian\InvalidRecord: activities[0].kind: "a b" is not a slug (1 to 32 of a-z, 0-9, _)
{"kind":null}: Dangjian\InvalidRecord: activities[0].kind: is required
{"venue_kind":""}: ok 1
{"venue_kind":null}: ok 1
{"venue_kind":"A"}: Dangjian\InvalidRecord: activities[0].venue_kind: "A" is not a slug (1 to 32 of a-z, 0-9, _)
{"venue_kind":"99999999999999999999999999999999"}: ok 1
{"venue_kind":"_________________________________"}: Dangjian\InvalidRecord: activities[0].venue_kind: "_________________________________" is not a slug (1 to 32 of a-z, 0-9, _)
{"category":"Service"}: Dangjian\InvalidRecord: activities[0].category: "Service" is not a category (service or meeting)
{"category":"meeting"}: ok 1
{"category":""}: Dangjian\InvalidRecord: activities[0].category: "" is not a category (service or meeting)
{"category":"other"}: Dangjian\InvalidRecord: activities[0].category: "other" is not a category (service or meeting)
