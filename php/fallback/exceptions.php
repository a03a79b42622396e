<?php
/**
 * exceptions.php - the exception classes and the version constant of the pure-PHP twin (STATS.md API).
 * Loaded only when the dangjian extension is not.
 */

namespace Dangjian;

/** Same as the extension's DJ_VERSION. */
const VERSION = '0.1.0';

/** Base of the engine's exceptions; thrown as is for file-system failures (save/load). */
class Exception extends \Exception
{
}

/**
 * A bad row; the message starts with its path, e.g. "people[3].admitted_on: ...". The same facts
 * as data (docs/ENGINE.md §9, "Errors as data"): getPath() "people[3].admitted_on", getRow() 3,
 * getField() "admitted_on" ('' for the row itself), getRule() one of the rule names listed there.
 * The twin's own code sets them; one constructed by hand has '', -1, '' and '' (as the extension's).
 */
final class InvalidRecord extends Exception
{
    private string $path = '';
    private int $row = -1;
    private string $field = '';
    private string $rule = '';

    public function getPath(): string
    {
        return $this->path;
    }

    public function getRow(): int
    {
        return $this->row;
    }

    public function getField(): string
    {
        return $this->field;
    }

    public function getRule(): string
    {
        return $this->rule;
    }
}

/** fromJson(): syntax or shape; the message starts with "line L, column C: ". */
final class InvalidJson extends Exception
{
}

/** load(): a truncated, foreign, damaged or other-version file. */
final class CorruptSnapshot extends Exception
{
}
