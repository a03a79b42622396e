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

        public function counts(): array {}

        public function stats(array $query = []): array {}

        public function statsJson(array $query = []): string {}

        public function toJson(): string {}

        public static function fromJson(string $json): Dataset {}

        public function save(string $path): void {}

        public static function load(string $path): Dataset {}
    }

    class Exception extends \Exception
    {
    }

    final class InvalidRecord extends Exception
    {
    }

    final class InvalidJson extends Exception
    {
    }

    final class CorruptSnapshot extends Exception
    {
    }
}
