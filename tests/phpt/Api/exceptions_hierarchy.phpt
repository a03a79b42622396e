--TEST--
Exception classes: Dangjian\Exception extends \Exception; InvalidRecord, InvalidJson, CorruptSnapshot extend it and are final
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach (['Dangjian\Exception', 'Dangjian\InvalidRecord', 'Dangjian\InvalidJson', 'Dangjian\CorruptSnapshot'] as $c) {
    $r = new ReflectionClass($c);
    echo $c, ' parent=', $r->getParentClass()->getName(), ' final=', var_export($r->isFinal(), true), "\n";
}
$r = new ReflectionClass('Dangjian\Dataset');
echo 'Dangjian\Dataset final=', var_export($r->isFinal(), true), "\n";
// each error kind is catchable as Dangjian\Exception and as \Exception
$d = new Dangjian\Dataset();
foreach ([
    fn() => $d->addPeople([['id' => 0]]),
    fn() => Dangjian\Dataset::fromJson('nope'),
    fn() => Dangjian\Dataset::load(__FILE__),
] as $f) {
    try {
        $f();
    } catch (Dangjian\Exception $e) {
        echo get_class($e), ' ', var_export($e instanceof \Exception, true), ' ', $e->getCode(), "\n";
    }
}
// a bad query is a \ValueError, not a Dangjian\Exception
try {
    $d->stats(['nope' => 1]);
} catch (Dangjian\Exception $e) {
    echo "wrong\n";
} catch (\ValueError $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
Dangjian\Exception parent=Exception final=false
Dangjian\InvalidRecord parent=Dangjian\Exception final=true
Dangjian\InvalidJson parent=Dangjian\Exception final=true
Dangjian\CorruptSnapshot parent=Dangjian\Exception final=true
Dangjian\Dataset final=true
Dangjian\InvalidRecord true 0
Dangjian\InvalidJson true 0
Dangjian\CorruptSnapshot true 0
ValueError
