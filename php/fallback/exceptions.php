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

/** A bad row; the message starts with its path, e.g. "people[3].admitted_on: ...". */
final class InvalidRecord extends Exception
{
}

/** fromJson(): syntax or shape; the message starts with "line L, column C: ". */
final class InvalidJson extends Exception
{
}

/** load(): a truncated, foreign, damaged or other-version file. */
final class CorruptSnapshot extends Exception
{
}
