<?php
/**
 * JsonScanner.php - decides, as jansson 2.14's json_loadb(text, len, JSON_ALLOW_NUL) would, whether a
 * text is accepted, and if not, the error jansson reports: its line, column and text (docs/ENGINE.md
 * §4). Written from a reading of jansson's src/load.c (stream, lexer and parser behaviour), not copied.
 *
 * The model, as jansson has it:
 *  - a stream hands out bytes; a multi-byte UTF-8 character is read and checked whole ("unable to
 *    decode byte 0x.."), then its bytes are handed out one by one. line/column count: a '\n' starts a
 *    new line at column 0, every byte that starts a character adds one to the column. One byte can be
 *    put back (unget). The character buffer is NUL-terminated, so a NUL byte that was put back is
 *    lost: the next read takes the byte after it (an odd corner, kept: see $skippedNul).
 *  - the lexer saves the bytes of the current token; errors carry " near '<saved>'" when the saved
 *    text is 1..20 bytes, nothing when longer, and " near end of file" when empty (except for UTF-8
 *    errors). The first error set wins.
 *  - the parser: top level must be '[' or '{'; depth limit 2048 (scalars count); "end of file
 *    expected" after the value.
 * Also records where each top-level member's value starts, for the shape messages. Internal.
 */

namespace Dangjian\Fallback;

/** @internal */
final class JsonScanner
{
    private const EOF = -1;
    private const ERROR = -2;

    private const T_INVALID = -1;
    private const T_EOF = 0;
    private const T_STRING = 256;
    private const T_INTEGER = 257;
    private const T_REAL = 258;
    private const T_TRUE = 259;
    private const T_FALSE = 260;
    private const T_NULL = 261;

    private const MAX_DEPTH = 2048;

    private string $text;
    private int $len;
    private int $ip = 0;        // next byte of the input to read
    private string $buf = '';   // the current character's bytes
    private int $bp = 0;        // next byte of $buf to hand out
    private int $state = 0;     // 0 ok, EOF, ERROR
    private int $line = 1;
    private int $col = 0;
    private int $lastCol = 0;

    private string $saved = '';
    private int $token = self::T_INVALID;
    private bool $strHasNul = false;
    private ?string $strValue = null;
    private int $depth = 0;
    private int $tokLine = 1;
    private int $tokCol = 0;
    private int $tokOffset = 0;

    /** @var array{int,int,string}|null line, column, text of the first error */
    public ?array $error = null;
    /** @var int[] offsets of NUL bytes that jansson skips (see above) */
    public array $skippedNul = [];
    /** line and column of the top-level value */
    public array $topPos = [1, 0];
    public bool $topIsObject = false;
    /** @var array<string,array{int,int,string,int}> top-level key => [line, column, first byte, byte offset]
     *  of its (last) value */
    public array $members = [];

    public function __construct(string $text)
    {
        $this->text = $text;
        $this->len = strlen($text);
    }

    /** Runs the parse; returns true when jansson accepts the text, else $error is set. */
    public function run(): bool
    {
        $this->scan();
        if ($this->token !== 0x5B && $this->token !== 0x7B) { // '[' '{'
            $this->fail("'[' or '{' expected");
            return false;
        }
        $this->topPos = [$this->tokLine, $this->tokCol];
        $this->topIsObject = $this->token === 0x7B;
        if (!$this->parseValue()) {
            return false;
        }
        $this->scan();
        if ($this->token !== self::T_EOF) {
            $this->fail('end of file expected');
            return false;
        }
        return $this->error === null;
    }

    /* ---------------------------------------------------------------- errors */

    private function fail(string $msg): void
    {
        if ($this->error !== null) {
            return;
        }
        $saved = $this->saved;
        if ($saved !== '' && $saved[0] !== "\0") {
            if (strlen($saved) <= 20) {
                $nul = strpos($saved, "\0"); // C prints up to the first NUL
                $msg .= " near '" . ($nul === false ? $saved : substr($saved, 0, $nul)) . "'";
            }
        } elseif ($this->state !== self::ERROR) {
            $msg .= ' near end of file';
        }
        $this->error = [$this->line, $this->col, $msg];
    }

    /* ---------------------------------------------------------------- stream */

    private static function firstByteLength(int $c): int
    {
        if ($c < 0x80) {
            return 1;
        }
        if ($c < 0xC2) {
            return 0; // a continuation byte, or an overlong lead C0/C1
        }
        if ($c < 0xE0) {
            return 2;
        }
        if ($c < 0xF0) {
            return 3;
        }
        if ($c < 0xF5) {
            return 4;
        }
        return 0;
    }

    private static function validSequence(string $s): bool
    {
        return (bool)preg_match('/^(?:[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}'
            . '|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}'
            . '|\xF4[\x80-\x8F][\x80-\xBF]{2})\z/', $s);
    }

    private function get(): int
    {
        if ($this->state !== 0) {
            return $this->state;
        }
        if ($this->bp >= strlen($this->buf) || $this->buf[$this->bp] === "\0") {
            if ($this->bp < strlen($this->buf)) {
                $this->skippedNul[] = $this->ip - 1; // a NUL put back: jansson reads past it
            }
            if ($this->ip >= $this->len) {
                $this->state = self::EOF;
                return self::EOF;
            }
            $c = ord($this->text[$this->ip++]);
            $this->bp = 0;
            if ($c >= 0x80) {
                $count = self::firstByteLength($c);
                if ($count === 0) {
                    return $this->utf8Error($c);
                }
                $seq = chr($c);
                for ($k = 1; $k < $count; $k++) {
                    // past the end jansson stores EOF (-1) as the byte 0xFF, which is never valid
                    $seq .= $this->ip < $this->len ? $this->text[$this->ip++] : "\xFF";
                }
                if (!self::validSequence($seq)) {
                    return $this->utf8Error($c);
                }
                $this->buf = $seq;
            } else {
                $this->buf = chr($c);
            }
        }
        $c = ord($this->buf[$this->bp++]);
        if ($c === 0x0A) {
            $this->line++;
            $this->lastCol = $this->col;
            $this->col = 0;
        } elseif ($c < 0x80 || $c >= 0xC0) {
            $this->col++;
        }
        return $c;
    }

    private function utf8Error(int $c): int
    {
        $this->state = self::ERROR;
        $this->fail(sprintf('unable to decode byte 0x%x', $c));
        return self::ERROR;
    }

    private function unget(int $c): void
    {
        if ($c < 0) {
            return;
        }
        if ($c === 0x0A) {
            $this->line--;
            $this->col = $this->lastCol;
        } elseif ($c < 0x80 || $c >= 0xC0) {
            $this->col--;
        }
        $this->bp--;
    }

    private function getSave(): int
    {
        $c = $this->get();
        if ($c >= 0) {
            $this->saved .= chr($c);
        }
        return $c;
    }

    private function ungetUnsave(int $c): void
    {
        if ($c >= 0) {
            $this->unget($c);
            $this->saved = substr($this->saved, 0, -1);
        }
    }

    /** Saves the rest of the current character (after an invalid first byte). */
    private function saveCached(): void
    {
        while ($this->bp < strlen($this->buf) && $this->buf[$this->bp] !== "\0") {
            $this->saved .= $this->buf[$this->bp++];
        }
    }

    /* ----------------------------------------------------------------- lexer */

    private function scan(): int
    {
        $this->saved = '';
        $this->strHasNul = false;
        $this->strValue = null;
        do {
            $c = $this->get();
        } while ($c === 0x20 || $c === 0x09 || $c === 0x0A || $c === 0x0D);
        $this->tokLine = $this->line;
        $this->tokCol = $this->col;
        $this->tokOffset = $this->ip - 1;
        if ($c === self::EOF) {
            return $this->token = self::T_EOF;
        }
        if ($c === self::ERROR) {
            return $this->token = self::T_INVALID;
        }
        $this->saved .= chr($c);
        if ($c === 0x7B || $c === 0x7D || $c === 0x5B || $c === 0x5D || $c === 0x3A || $c === 0x2C) {
            $this->token = $c;
        } elseif ($c === 0x22) {
            $this->scanString();
        } elseif (($c >= 0x30 && $c <= 0x39) || $c === 0x2D) {
            $this->scanNumber($c);
        } elseif (($c >= 0x41 && $c <= 0x5A) || ($c >= 0x61 && $c <= 0x7A)) {
            do {
                $c = $this->getSave();
            } while (($c >= 0x41 && $c <= 0x5A) || ($c >= 0x61 && $c <= 0x7A));
            $this->ungetUnsave($c);
            $this->token = match ($this->saved) {
                'true' => self::T_TRUE,
                'false' => self::T_FALSE,
                'null' => self::T_NULL,
                default => self::T_INVALID,
            };
        } else {
            $this->saveCached();
            $this->token = self::T_INVALID;
        }
        return $this->token;
    }

    private const PLAIN_RUN = '/\G(?:[\x20\x21\x23-\x5B\x5D-\x7F]|[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]'
        . '|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}'
        . '|[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2})+/';

    private function scanString(): void
    {
        $this->token = self::T_INVALID;
        $c = $this->getSave();
        while ($c !== 0x22) {
            if ($c === self::ERROR) {
                return;
            }
            if ($c === self::EOF) {
                $this->fail('premature end of input');
                return;
            }
            if ($c <= 0x1F) {
                $this->ungetUnsave($c);
                $this->fail($c === 0x0A ? 'unexpected newline' : sprintf('control character 0x%x', $c));
                return;
            }
            if ($c === 0x5C) {
                $c = $this->getSave();
                if ($c === 0x75) { // u
                    $c = $this->getSave();
                    for ($k = 0; $k < 4; $k++) {
                        if (!(($c >= 0x30 && $c <= 0x39) || ($c >= 0x41 && $c <= 0x46) || ($c >= 0x61 && $c <= 0x66))) {
                            $this->fail('invalid escape');
                            return;
                        }
                        $c = $this->getSave();
                    }
                } elseif ($c === 0x22 || $c === 0x5C || $c === 0x2F || $c === 0x62 || $c === 0x66 || $c === 0x6E
                    || $c === 0x72 || $c === 0x74) {
                    $c = $this->getSave();
                } else {
                    $this->fail('invalid escape');
                    return;
                }
                continue;
            }
            // A run of plain characters at once, when the character buffer is spent (the same
            // bytes, line and column as reading them one by one).
            if ($this->bp >= strlen($this->buf)
                && preg_match(self::PLAIN_RUN, $this->text, $m, 0, $this->ip)) {
                $run = $m[0];
                $n = strlen($run);
                $this->ip += $n;
                $this->saved .= $run;
                $this->col += $n - preg_match_all('/[\x80-\xBF]/', $run);
                $this->buf = '';
                $this->bp = 0;
            }
            $c = $this->getSave();
        }
        // the second pass: escapes, surrogates, NUL
        $body = substr($this->saved, 1, -1);
        if (strpos($body, '\\') !== false) {
            if (!$this->checkEscapes($body)) {
                return;
            }
        } else {
            $this->strValue = $body;
        }
        $this->token = self::T_STRING;
    }

    /** jansson's decoding pass over a string body known to be well formed; sets the error on a bad surrogate. */
    private function checkEscapes(string $body): bool
    {
        $n = strlen($body);
        $out = '';
        for ($i = 0; $i < $n; $i++) {
            $ch = $body[$i];
            if ($ch !== '\\') {
                $out .= $ch;
                continue;
            }
            $e = $body[++$i];
            if ($e !== 'u') {
                $out .= match ($e) {
                    'b' => "\x08", 'f' => "\f", 'n' => "\n", 'r' => "\r", 't' => "\t", default => $e,
                };
                continue;
            }
            $v = hexdec(substr($body, $i + 1, 4));
            $i += 4;
            if ($v >= 0xD800 && $v <= 0xDBFF) {
                if ($i + 2 < $n && $body[$i + 1] === '\\' && $body[$i + 2] === 'u') {
                    $v2 = hexdec(substr($body, $i + 3, 4));
                    $i += 6;
                    if ($v2 >= 0xDC00 && $v2 <= 0xDFFF) {
                        $v = (($v - 0xD800) << 10) + ($v2 - 0xDC00) + 0x10000;
                    } else {
                        $this->fail(sprintf("invalid Unicode '\\u%04X\\u%04X'", $v, $v2));
                        return false;
                    }
                } else {
                    $this->fail(sprintf("invalid Unicode '\\u%04X'", $v));
                    return false;
                }
            } elseif ($v >= 0xDC00 && $v <= 0xDFFF) {
                $this->fail(sprintf("invalid Unicode '\\u%04X'", $v));
                return false;
            }
            if ($v === 0) {
                $this->strHasNul = true;
            }
            $out .= self::utf8($v);
        }
        $this->strValue = $out;
        return true;
    }

    private static function utf8(int $v): string
    {
        if ($v < 0x80) {
            return chr($v);
        }
        if ($v < 0x800) {
            return chr(0xC0 | $v >> 6) . chr(0x80 | $v & 0x3F);
        }
        if ($v < 0x10000) {
            return chr(0xE0 | $v >> 12) . chr(0x80 | $v >> 6 & 0x3F) . chr(0x80 | $v & 0x3F);
        }
        return chr(0xF0 | $v >> 18) . chr(0x80 | $v >> 12 & 0x3F) . chr(0x80 | $v >> 6 & 0x3F) . chr(0x80 | $v & 0x3F);
    }

    private static function isDigit(int $c): bool
    {
        return $c >= 0x30 && $c <= 0x39;
    }

    private function scanNumber(int $c): void
    {
        $this->token = self::T_INVALID;
        if ($c === 0x2D) {
            $c = $this->getSave();
        }
        if ($c === 0x30) {
            $c = $this->getSave();
            if (self::isDigit($c)) {
                $this->ungetUnsave($c);
                return;
            }
        } elseif (self::isDigit($c)) {
            do {
                $c = $this->getSave();
            } while (self::isDigit($c));
        } else {
            $this->ungetUnsave($c);
            return;
        }
        if ($c !== 0x2E && $c !== 0x45 && $c !== 0x65) { // . E e
            $this->ungetUnsave($c);
            $neg = $this->saved[0] === '-';
            $digits = ltrim($this->saved, '-');
            $limit = $neg ? '9223372036854775808' : '9223372036854775807';
            if (strlen($digits) > 19 || (strlen($digits) === 19 && strcmp($digits, $limit) > 0)) {
                $this->fail($neg ? 'too big negative integer' : 'too big integer');
                return;
            }
            $this->token = self::T_INTEGER;
            return;
        }
        if ($c === 0x2E) {
            $c = $this->get();
            if (!self::isDigit($c)) {
                $this->unget($c);
                return;
            }
            $this->saved .= chr($c);
            do {
                $c = $this->getSave();
            } while (self::isDigit($c));
        }
        if ($c === 0x45 || $c === 0x65) {
            $c = $this->getSave();
            if ($c === 0x2B || $c === 0x2D) {
                $c = $this->getSave();
            }
            if (!self::isDigit($c)) {
                $this->ungetUnsave($c);
                return;
            }
            do {
                $c = $this->getSave();
            } while (self::isDigit($c));
        }
        $this->ungetUnsave($c);
        if (is_infinite((float)$this->saved)) {
            $this->fail('real number overflow');
            return;
        }
        $this->token = self::T_REAL;
    }

    /* ---------------------------------------------------------------- parser */

    private function parseValue(): bool
    {
        $this->depth++;
        if ($this->depth > self::MAX_DEPTH) {
            $this->fail('maximum parsing depth reached');
            return false;
        }
        switch ($this->token) {
            case self::T_STRING:
            case self::T_INTEGER:
            case self::T_REAL:
            case self::T_TRUE:
            case self::T_FALSE:
            case self::T_NULL:
                break; // JSON_ALLOW_NUL: a "\u0000" in a value is fine
            case 0x7B:
                if (!$this->parseObject()) {
                    return false;
                }
                break;
            case 0x5B:
                if (!$this->parseArray()) {
                    return false;
                }
                break;
            case self::T_INVALID:
                $this->fail('invalid token');
                return false;
            default:
                $this->fail('unexpected token');
                return false;
        }
        $this->depth--;
        return true;
    }

    private function parseObject(): bool
    {
        $top = $this->depth === 1;
        $this->scan();
        if ($this->token === 0x7D) {
            return true;
        }
        while (true) {
            if ($this->token !== self::T_STRING) {
                $this->fail("string or '}' expected");
                return false;
            }
            if ($this->strHasNul) {
                $this->fail('NUL byte in object key not supported');
                return false;
            }
            $key = $this->strValue;
            $this->scan();
            if ($this->token !== 0x3A) {
                $this->fail("':' expected");
                return false;
            }
            $this->scan();
            if ($top) {
                $this->members[$key] = [$this->tokLine, $this->tokCol, $this->saved[0] ?? '', $this->tokOffset];
            }
            if (!$this->parseValue()) {
                return false;
            }
            $this->scan();
            if ($this->token !== 0x2C) {
                break;
            }
            $this->scan();
        }
        if ($this->token !== 0x7D) {
            $this->fail("'}' expected");
            return false;
        }
        return true;
    }

    private function parseArray(): bool
    {
        $this->scan();
        if ($this->token === 0x5D) {
            return true;
        }
        while ($this->token !== self::T_EOF) {
            if (!$this->parseValue()) {
                return false;
            }
            $this->scan();
            if ($this->token !== 0x2C) {
                break;
            }
            $this->scan();
        }
        if ($this->token !== 0x5D) {
            $this->fail("']' expected");
            return false;
        }
        return true;
    }
}
