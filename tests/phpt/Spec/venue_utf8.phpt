--TEST--
Spec: invalid UTF-8 in venue is rejected (bad bytes, overlong, surrogates, above U+10FFFF, truncated)
--EXTENSIONS--
dangjian
--FILE--
<?php
require __DIR__ . '/_helper.inc';
$cases = ['ff' => "a\xffb", 'overlong' => "\xc0\xaf", 'overlong3' => "\xe0\x80\xaf", 'surrogate' => "\xed\xa0\x80",
          'above' => "\xf4\x90\x80\x80", 'truncated' => "\xe4\xb8", 'lone cont' => "\x80", 'f5' => "\xf5\x80\x80\x80",
          'emoji' => "\u{1F600}", 'max' => "\u{10FFFF}", 'ed9f' => "\u{D7FF}", 'nul' => "a\0b", 'bom' => "\u{FEFF}x",
          'nonchar' => "\u{FFFF}\u{FDD0}", 'overlong4' => "\xf0\x8f\xbf\xbf", 'c1' => "\xc1\xbf", 'del' => "\x7f"];
foreach ($cases as $label => $v) {
    echo $label, ': ';
    attempt(fn() => (new Dangjian\Dataset())->addActivities([svc(1, '2024-01-01', ['venue' => $v])]));
}
?>
--EXPECT--
ff: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
overlong: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
overlong3: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
surrogate: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
above: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
truncated: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
lone cont: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
f5: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
emoji: ok 1
max: ok 1
ed9f: ok 1
nul: ok 1
bom: ok 1
nonchar: ok 1
overlong4: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
c1: Dangjian\InvalidRecord: activities[0].venue: a string is not a venue name (UTF-8 text of at most 200 bytes)
del: ok 1
