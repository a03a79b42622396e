<?php
/**
 * Dataset.php - Dangjian\Dataset, the public API of STATS.md, in pure PHP (the twin of the extension's
 * class, loaded only when the extension is not). The work is done by Store (rows), Stats, Json and
 * Snapshot in Dangjian\Fallback.
 */

namespace Dangjian;

use Dangjian\Fallback\Json;
use Dangjian\Fallback\SnapshotFile;
use Dangjian\Fallback\Stats;
use Dangjian\Fallback\Store;

final class Dataset
{
    /**
     * First, so that PHP compares it first: NAN equals nothing and is neither smaller nor larger, so
     * two Dataset objects are never ==, <, <=, > or >= (as the extension's, which are uncomparable).
     */
    private float $uncomparable = NAN;
    private Store $store;

    public function __construct()
    {
        $this->store = new Store();
    }

    /** Adds people rows; all or nothing. Returns the number added. @throws InvalidRecord */
    public function addPeople(array $rows): int
    {
        return self::bulk(fn () => $this->store->addPeople($rows));
    }

    /** Adds activity rows; all or nothing. Returns the number added. @throws InvalidRecord */
    public function addActivities(array $rows): int
    {
        return self::bulk(fn () => $this->store->addActivities($rows));
    }

    /** Replaces the headcount points; on error keeps the earlier ones. @throws InvalidRecord */
    public function setHeadcount(array $points): void
    {
        $this->store->setHeadcount($points);
    }

    /**
     * Removes the activities with these ids (ints or digit strings) and their participations;
     * all or nothing. Returns the number removed. @throws InvalidRecord
     */
    public function removeActivities(array $ids): int
    {
        return self::bulk(fn () => $this->store->removeActivities($ids));
    }

    /**
     * Removes the people with these ids and their participations; all or nothing. Returns the
     * number removed. @throws InvalidRecord
     */
    public function removePeople(array $ids): int
    {
        return self::bulk(fn () => $this->store->removePeople($ids));
    }

    public function counts(): array
    {
        return [
            'people' => count($this->store->pId),
            'activities' => count($this->store->aId),
            'participations' => count($this->store->partPerson),
        ];
    }

    /** @throws \ValueError for a bad query */
    public function stats(array $query = []): array
    {
        return self::bulk(fn () => Stats::compute($this->store, $query)->toArray());
    }

    /** @throws \ValueError for a bad query */
    public function statsJson(array $query = []): string
    {
        return self::bulk(fn () => Stats::compute($this->store, $query)->toJson());
    }

    public function toJson(): string
    {
        return self::bulk(fn () => Json::dump($this->store));
    }

    /** @throws InvalidJson|InvalidRecord */
    public static function fromJson(string $json): Dataset
    {
        $d = new self();
        $d->store = self::bulk(fn () => Json::load($json));
        return $d;
    }

    /** Writes the binary snapshot atomically. @throws Exception "cannot write <path>: <reason>" */
    public function save(string $path): void
    {
        self::bulk(fn () => SnapshotFile::save($this->store, $path));
    }

    /** @throws Exception "cannot read <path>: <reason>" | CorruptSnapshot */
    public static function load(string $path): Dataset
    {
        $d = new self();
        $d->store = self::bulk(fn () => SnapshotFile::load($path));
        return $d;
    }

    /**
     * Runs $fn with the cycle collector off: the bulk work makes many small arrays, and each
     * collector run would walk the dataset's big columns (it halves the time of a large add).
     */
    private static function bulk(callable $fn): mixed
    {
        $gc = gc_enabled();
        gc_disable();
        try {
            return $fn();
        } finally {
            if ($gc) {
                gc_enable();
            }
        }
    }

    /* Like the extension's class: not clonable, not serializable, no dynamic properties, and
     * nothing to show in var_dump(). */

    public function __clone()
    {
        throw new \Error('Trying to clone an uncloneable object of class Dangjian\\Dataset');
    }

    public function __serialize(): array
    {
        throw new \Exception("Serialization of 'Dangjian\\Dataset' is not allowed");
    }

    public function __unserialize(array $data): void
    {
        throw new \Exception("Unserialization of 'Dangjian\\Dataset' is not allowed");
    }

    public function __set(string $name, mixed $value): void
    {
        throw new \Error('Cannot create dynamic property Dangjian\\Dataset::$' . $name);
    }

    public function __debugInfo(): array
    {
        return [];
    }
}
