--TEST--
Messages describe the offending value as docs/ENGINE.md section 1 says
--EXTENSIONS--
dangjian
--FILE--
<?php
$forty = str_repeat('a', 40);
$values = [
    $forty,                 // 40 bytes: quoted
    $forty . 'b',           // 41 bytes: a string
    'say "hi"',             // a double quote
    'back\\slash',          // a backslash
    "tab\there",            // a byte < 0x20
    "del\x7f",              // 0x7F
    "\xff\xfe",             // invalid UTF-8
    '阳光',                  // valid UTF-8: quoted
    -7,
    1.5,
    ['x'],
    new stdClass(),
];
foreach ($values as $v) {
    try {
        (new Dangjian\Dataset())->addPeople([['id' => 1, 'is_staff' => $v]]);
        echo "accepted\n";
    } catch (Dangjian\InvalidRecord $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
people[0].is_staff: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is not a boolean
people[0].is_staff: a string is not a boolean
people[0].is_staff: a string is not a boolean
people[0].is_staff: a string is not a boolean
people[0].is_staff: a string is not a boolean
people[0].is_staff: a string is not a boolean
people[0].is_staff: a string is not a boolean
people[0].is_staff: "阳光" is not a boolean
people[0].is_staff: -7 is not a boolean
people[0].is_staff: a float is not a boolean
people[0].is_staff: an array is not a boolean
people[0].is_staff: an object is not a boolean
