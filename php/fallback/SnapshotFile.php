<?php
/**
 * SnapshotFile.php - save() and load() of the pure-PHP twin: the snapshot bytes (Snapshot) written
 * atomically and read back, with the extension's messages: "cannot write <path>: <reason>", "cannot
 * read <path>: <reason>", a path outside open_basedir ("not within open_basedir", for the path and
 * its folder) and a file that is not a regular one ("not a regular file"). Internal.
 */

namespace Dangjian\Fallback;

use Dangjian\Exception;

/** @internal */
final class SnapshotFile
{
    private static int $counter = 0;

    /** The text of the last PHP warning after its last ": " (the system's strerror text). */
    private static function reason(string $fallback): string
    {
        $e = error_get_last();
        if ($e === null) {
            return $fallback;
        }
        $m = $e['message'];
        $k = strrpos($m, ': ');
        return $k === false ? $m : substr($m, $k + 2);
    }

    /**
     * Writes the snapshot atomically: "<path>.tmp.<pid>.<n>" created exclusively, written, fsynced,
     * renamed over path. On failure the temporary file is removed and Dangjian\Exception
     * "cannot write <path>: <reason>" is thrown; path is then untouched.
     */
    public static function save(Store $s, string $path): void
    {
        if (self::outsideBasedir($path)) {
            throw new Exception("cannot write $path: not within open_basedir");
        }
        error_clear_last();
        $fh = false;
        $tmp = '';
        for ($attempt = 0; $attempt < 100; $attempt++) {
            $tmp = $path . '.tmp.' . getmypid() . '.' . self::$counter++;
            $fh = @fopen($tmp, 'x+b');
            if ($fh !== false || file_exists($tmp) === false) {
                break;
            }
        }
        if ($fh === false) {
            throw new Exception("cannot write $path: " . self::reason('cannot create a temporary file'));
        }
        // the payload streamed after a blank header, with a running CRC; then the header
        $ok = @fwrite($fh, str_repeat("\0", 32)) === 32;
        $crc = hash_init('crc32b');
        $length = 0;
        $buffer = '';
        $flush = function () use ($fh, &$buffer, &$ok): void {
            if ($ok && $buffer !== '') {
                $ok = self::writeAll($fh, $buffer);
            }
            $buffer = '';
        };
        Snapshot::write($s, function (string $piece) use (&$buffer, &$length, $crc, $flush): void {
            hash_update($crc, $piece);
            $length += strlen($piece);
            $buffer .= $piece;
            if (strlen($buffer) >= 262144) {
                $flush();
            }
        });
        $flush();
        $ok = $ok && @fseek($fh, 0) === 0
            && self::writeAll($fh, Snapshot::header(hexdec(hash_final($crc)), $length));
        $ok = $ok && @fflush($fh) && @fsync($fh);
        $ok = @fclose($fh) && $ok;
        if (!$ok) {
            $why = self::reason('write failed');
            @unlink($tmp);
            throw new Exception("cannot write $path: $why");
        }
        if (!@rename($tmp, $path)) {
            $why = self::reason('rename failed');
            @unlink($tmp);
            throw new Exception("cannot write $path: $why");
        }
    }

    /** Writes all of $bytes; false on a failure. */
    private static function writeAll($fh, string $bytes): bool
    {
        for ($off = 0, $len = strlen($bytes); $off < $len;) {
            $w = @fwrite($fh, $off === 0 ? $bytes : substr($bytes, $off));
            if ($w === false || $w === 0) {
                return false;
            }
            $off += $w;
        }
        return true;
    }

    /* --------------------------------------------------------------- reading */

    /**
     * Reads a snapshot file.
     * @throws Exception "cannot read <path>: <reason>" when it cannot be read
     * @throws CorruptSnapshot "snapshot <path>: <what>"
     */
    public static function load(string $path): Store
    {
        if (self::outsideBasedir($path)) {
            throw new Exception("cannot read $path: not within open_basedir");
        }
        error_clear_last();
        if (is_dir($path)) {
            throw new Exception("cannot read $path: Is a directory");
        }
        // only a regular file: /dev/zero would never end, a FIFO would wait for a writer
        if (file_exists($path) && !is_file($path)) {
            throw new Exception("cannot read $path: not a regular file");
        }
        $bytes = @file_get_contents($path);
        if ($bytes === false) {
            throw new Exception("cannot read $path: " . self::reason('read failed'));
        }
        return Snapshot::parse($bytes, $path);
    }

    /**
     * Whether open_basedir is set and the path or its folder lies outside it. PHP itself decides: a
     * stat of a path outside open_basedir is refused with its "open_basedir restriction" warning.
     */
    private static function outsideBasedir(string $path): bool
    {
        if ((string)ini_get('open_basedir') === '') {
            return false;
        }
        foreach ([$path, dirname($path)] as $p) {
            error_clear_last();
            @file_exists($p);
            $e = error_get_last();
            if ($e !== null && str_contains($e['message'], 'open_basedir restriction')) {
                return true;
            }
        }
        return false;
    }
}
