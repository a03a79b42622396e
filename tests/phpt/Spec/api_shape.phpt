--TEST--
Spec: the API of namespace Dangjian: final classes, exception hierarchy, method signatures, VERSION
--EXTENSIONS--
dangjian
--FILE--
<?php
foreach (['Dangjian\Dataset', 'Dangjian\Exception', 'Dangjian\InvalidRecord', 'Dangjian\InvalidJson', 'Dangjian\CorruptSnapshot'] as $c) {
    $r = new ReflectionClass($c);
    echo $c, ' final=', (int) $r->isFinal(), ' parent=', $r->getParentClass() ? $r->getParentClass()->getName() : '-', "\n";
}
foreach (['addPeople', 'addActivities', 'setHeadcount', 'counts', 'stats', 'statsJson', 'toJson', 'fromJson', 'save', 'load'] as $m) {
    $r = new ReflectionMethod('Dangjian\Dataset', $m);
    $ps = array_map(fn($p) => $p->getType() . ' $' . $p->getName() . ($p->isOptional() ? ' = ?' : ''), $r->getParameters());
    echo $r->isStatic() ? 'static ' : '', $m, '(', implode(', ', $ps), '): ', $r->getReturnType(), "\n";
}
echo gettype(Dangjian\VERSION), "\n";
?>
--EXPECT--
Dangjian\Dataset final=1 parent=-
Dangjian\Exception final=0 parent=Exception
Dangjian\InvalidRecord final=1 parent=Dangjian\Exception
Dangjian\InvalidJson final=1 parent=Dangjian\Exception
Dangjian\CorruptSnapshot final=1 parent=Dangjian\Exception
addPeople(array $rows): int
addActivities(array $rows): int
setHeadcount(array $points): void
counts(): array
stats(array $query = ?): array
statsJson(array $query = ?): string
toJson(): string
static fromJson(string $json): Dangjian\Dataset
save(string $path): void
static load(string $path): Dangjian\Dataset
string
