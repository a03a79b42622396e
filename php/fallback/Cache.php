<?php
/**
 * Cache.php - Dangjian\Cache in pure PHP: the same API as the extension's class, but the twin can
 * keep a dataset only for the rest of the request (a static array): PHP code has no memory that
 * outlives a request. info()['persistent'] is false to say so.
 *
 * Like the extension: keys are 1 to 255 bytes; the capacity is dangjian.cache_size (read with
 * get_cfg_var(), as the twin cannot register the ini setting; default 256M, 0 turns it off); least
 * recently used entries are evicted first; put() and get() share the data without copying it, and
 * adding to either object never changes what is kept (PHP arrays are copy-on-write). The bytes of a
 * dataset are an estimate of its packed size (38 B a person, 40 B an activity, 8 B a participation,
 * the strings, 8 B a headcount point, 256 B for the rest), not the extension's exact count, plus the
 * day index that stats() builds inside a kept dataset (DayIndex: shared with the copies get() hands
 * out until they change, as the extension shares its per-day cache). info() measures the entries
 * again and never evicts; get() measures them and evicts until they fit again.
 */

namespace Dangjian;

use Dangjian\Fallback\Store;

final class Cache
{
    /** @var array<string,array{0:Store,1:int}> key => [store, bytes of its rows], least recently used first */
    private static array $kept = [];
    private static int $hits = 0;
    private static int $misses = 0;
    private static int $evictions = 0;

    private function __construct()
    {
    }

    /** true when kept; false when larger than dangjian.cache_size or the cache is off (0) */
    public static function put(string $key, Dataset $dataset): bool
    {
        self::checkKey($key, __METHOD__);
        $store = clone self::storeOf($dataset);
        $bytes = self::bytes($store);
        $capacity = self::capacity();
        unset(self::$kept[$key]);
        if ($capacity === 0 || $bytes + $store->days->bytes > $capacity) {
            return false;
        }
        self::$kept[$key] = [$store, $bytes];
        self::evict($key);
        return true;
    }

    public static function get(string $key): ?Dataset
    {
        self::checkKey($key, __METHOD__);
        if (!isset(self::$kept[$key])) {
            self::$misses++;
            return null;
        }
        self::$hits++;
        $entry = self::$kept[$key];
        unset(self::$kept[$key]);
        self::$kept[$key] = $entry; // now the most recently used
        self::evict($key);          // the kept datasets may have grown since (their day indexes)
        $d = new Dataset();
        self::setStore($d, clone $entry[0]);
        return $d;
    }

    public static function delete(string $key): bool
    {
        self::checkKey($key, __METHOD__);
        if (!isset(self::$kept[$key])) {
            return false;
        }
        unset(self::$kept[$key]);
        return true;
    }

    /** how many entries were dropped */
    public static function clear(): int
    {
        $n = count(self::$kept);
        self::$kept = [];
        return $n;
    }

    public static function enabled(): bool
    {
        return self::capacity() > 0;
    }

    public static function info(): array
    {
        $entries = [];
        $used = 0;
        foreach (array_reverse(self::$kept, true) as $key => $entry) {
            $entries[$key] = self::measured($entry);
            $used += $entries[$key];
        }
        return [
            'persistent' => false,
            'capacity' => self::capacity(),
            'used' => $used,
            'entries' => $entries,
            'hits' => self::$hits,
            'misses' => self::$misses,
            'evictions' => self::$evictions,
        ];
    }

    private static function checkKey(string $key, string $method): void
    {
        if ($key === '' || strlen($key) > 255) {
            throw new \ValueError($method . '(): Argument #1 ($key) must be 1 to 255 bytes long');
        }
    }

    /** dangjian.cache_size in bytes, as PHP reads a quantity ("256M", "1k", "0"). */
    private static function capacity(): int
    {
        $v = get_cfg_var('dangjian.cache_size');
        if (!is_string($v) || !preg_match('/^\s*(\d+)\s*([kKmMgG]?)\s*$/', $v, $m)) {
            return 256 << 20;
        }
        $shift = ['' => 0, 'k' => 10, 'm' => 20, 'g' => 30][strtolower($m[2])];
        return (int) $m[1] << $shift;
    }

    /** An entry's bytes now: its rows and its day index as it stands. */
    private static function measured(array $entry): int
    {
        return $entry[1] + $entry[0]->days->bytes;
    }

    private static function evict(string $spare): void
    {
        $capacity = self::capacity();
        $used = 0;
        foreach (self::$kept as $entry) {
            $used += self::measured($entry);
        }
        foreach (self::$kept as $key => $entry) {
            if ($used <= $capacity) {
                break;
            }
            if ($key !== $spare) {
                unset(self::$kept[$key]);
                $used -= self::measured($entry);
                self::$evictions++;
            }
        }
    }

    private static function bytes(Store $s): int
    {
        $strings = 0;
        foreach ($s->strings as $str) {
            $strings += strlen($str) + 4;
        }
        return 256 + 38 * count($s->pId) + 40 * count($s->aId) + 8 * count($s->partPerson)
            + $strings + 8 * count($s->hcDate);
    }

    private static function storeOf(Dataset $d): Store
    {
        return (fn () => $this->store)->call($d);
    }

    private static function setStore(Dataset $d, Store $s): void
    {
        (function () use ($s) {
            $this->store = $s;
        })->call($d);
    }
}
