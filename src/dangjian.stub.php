<?php

/**
 * The PHP API of the dangjian extension, declared once (see STATS.md).
 * dangjian_arginfo.h is generated from this file by gen_stub.php: never edit it by hand.
 *
 * @generate-class-entries
 */

namespace Dangjian {

    /**
     * @var string
     * @cvalue DJ_VERSION
     */
    const VERSION = UNKNOWN;

    /**
     * @strict-properties
     * @not-serializable
     */
    final class Dataset
    {
        public function __construct() {}

        public function addPeople(array $rows): int {}

        public function addActivities(array $rows): int {}

        public function setHeadcount(array $points): void {}

        public function removeActivities(array $ids): int {}

        public function removePeople(array $ids): int {}

        public function counts(): array {}

        public function stats(array $query = []): array {}

        public function statsJson(array $query = []): string {}

        public function toJson(): string {}

        public static function fromJson(string $json): Dataset {}

        public function save(string $path): void {}

        public static function load(string $path): Dataset {}
    }

    /**
     * Datasets kept across requests by this PHP worker process, under a key (the plugin uses
     * "<site>:<data version>"), in persistent memory bounded by the ini setting
     * dangjian.cache_size (bytes, least recently used evicted first). A kept dataset is shared
     * read-only: get() returns a new Dataset object on the same data, and adding to it (or to the
     * object given to put()) copies the data first, so what is kept never changes.
     * Not available in a thread-safe (ZTS) build of PHP: put() throws there.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Cache
    {
        private function __construct() {}

        /** true when kept; false when larger than dangjian.cache_size or the cache is off (0) */
        public static function put(string $key, Dataset $dataset): bool {}

        public static function get(string $key): ?Dataset {}

        public static function delete(string $key): bool {}

        /** how many entries were dropped */
        public static function clear(): int {}

        public static function enabled(): bool {}

        /** ['persistent'=>, 'capacity'=>, 'used'=>, 'entries'=>[key=>bytes, ...], 'hits'=>, 'misses'=>, 'evictions'=>] */
        public static function info(): array {}
    }

    class Exception extends \Exception
    {
    }

    /** A bad row; beside the message, the error as data (docs/ENGINE.md section 9). */
    final class InvalidRecord extends Exception
    {
        private string $path = "";
        private int $row = -1;
        private string $field = "";
        private string $rule = "";

        /** "people[3].admitted_on", "activities[0].participants[2].id"; "" when no row is named */
        public function getPath(): string {}

        /** the 0-based position of the row in that call's array; -1 when no row is named */
        public function getRow(): int {}

        /** the path after the row: "admitted_on", "participants[2].id"; "" for the row itself */
        public function getField(): string {}

        /** the rule broken: "date", "duplicate_id", "stage_order" ... ("" when no row is named) */
        public function getRule(): string {}
    }

    final class InvalidJson extends Exception
    {
    }

    final class CorruptSnapshot extends Exception
    {
    }
}
