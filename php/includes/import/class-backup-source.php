<?php
/**
 * The text of a backup read piece by piece: from a file (gzip or not) or from a string (gzip bytes
 * uncompressed as they are read).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A reader over a backup's text that holds about one piece (1 MB) of it: Backup_Stream asks it for
 * the text up to a marker, or for the rows of a list a piece at a time. Anything not laid out as the
 * backup writer lays it out raises Backup_Layout (the caller then reads the text whole, as before).
 */
final class Backup_Source {

	/** Bytes read (or uncompressed) at a time. */
	const PIECE = 1048576;

	/** @var resource|null A stream, when reading a file. */
	private $file = null;

	/** @var string|null The bytes, when reading a string. */
	private $bytes = null;

	/** @var int Where the next piece of $bytes starts. */
	private $at = 0;

	/** @var \InflateContext|null The gzip decoder of a string of gzip bytes. */
	private $inflate = null;

	/** @var string The text read and not yet taken. */
	private $buf = '';

	/** @var int Where the untaken text of $buf starts. */
	private $pos = 0;

	/** @var bool Whether the end of the text was reached. */
	private $eof = false;

	/** @var bool Whether the first piece was read (a BOM is dropped from it). */
	private $started = false;

	/**
	 * A reader of a file (gzip told by its first bytes, whatever its name).
	 *
	 * @param string $path The file.
	 * @return self|null Null when it cannot be opened.
	 */
	public static function file( string $path ): ?self {
		$in = is_readable( $path ) ? @fopen( 'compress.zlib://' . $path, 'rb' ) : false; // phpcs:ignore WordPress.PHP.NoSilencedErrors, WordPress.WP.AlternativeFunctions -- Reported by the caller.
		if ( ! $in ) {
			return null;
		}
		$source       = new self();
		$source->file = $in;
		return $source;
	}

	/**
	 * A reader of a string: the text itself, or gzip bytes (told by their first two bytes, 1f 8b).
	 *
	 * @param string $bytes The bytes.
	 */
	public static function bytes( string $bytes ): self {
		$source        = new self();
		$source->bytes = $bytes;
		if ( str_starts_with( $bytes, "\x1f\x8b" ) ) {
			$source->inflate = inflate_init( ZLIB_ENCODING_GZIP );
		}
		return $source;
	}

	/**
	 * Closes the file.
	 */
	public function close(): void {
		if ( null !== $this->file ) {
			fclose( $this->file );
			$this->file = null;
		}
		$this->bytes = null;
		$this->buf   = '';
	}

	/**
	 * Reads one more piece onto the buffer (dropping what was taken).
	 *
	 * @return bool Whether anything was added.
	 * @throws Backup_Layout When the gzip data is damaged (the whole read then says so).
	 */
	private function more(): bool {
		if ( $this->eof ) {
			return false;
		}
		if ( $this->pos > 0 ) {
			$this->buf = (string) substr( $this->buf, $this->pos );
			$this->pos = 0;
		}
		/**
		 * Filters how many bytes a backup is read (or uncompressed) at a time (default 1 MB).
		 *
		 * @param int $bytes The bytes.
		 */
		$size  = max( 16, (int) apply_filters( 'dangjian_backup_read_piece', self::PIECE ) );
		$piece = '';
		if ( null !== $this->file ) {
			$piece = (string) fread( $this->file, $size );
			if ( '' === $piece && feof( $this->file ) ) {
				$this->eof = true;
			}
		} elseif ( null !== $this->inflate ) {
			while ( '' === $piece && ! $this->eof ) {
				$in        = (string) substr( (string) $this->bytes, $this->at, max( 16, intdiv( $size, 4 ) ) );
				$this->at += strlen( $in );
				$last      = $this->at >= strlen( (string) $this->bytes );
				$piece     = @inflate_add( $this->inflate, $in, $last ? ZLIB_FINISH : ZLIB_SYNC_FLUSH ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- A damaged file: read whole, it is reported.
				if ( false === $piece ) {
					throw new Backup_Layout( 'gzip' );
				}
				$this->eof = $last;
			}
		} else {
			$piece     = (string) substr( (string) $this->bytes, $this->at, $size );
			$this->at += strlen( $piece );
			$this->eof = $this->at >= strlen( (string) $this->bytes );
		}
		if ( ! $this->started && '' !== $piece ) {
			$this->started = true;
			if ( str_starts_with( $piece, "\xEF\xBB\xBF" ) ) {
				$piece = substr( $piece, 3 );
			}
		}
		$this->buf .= $piece;
		return '' !== $piece || ! $this->eof;
	}

	/**
	 * Takes the text up to a marker (the marker is taken too, not returned).
	 *
	 * @param string $marker The marker (one that cannot occur inside a JSON string: it holds a quote).
	 * @param int    $most   The most bytes before it.
	 * @return string
	 * @throws Backup_Layout When it is not there.
	 */
	public function until( string $marker, int $most ): string {
		while ( true ) {
			$at = strpos( $this->buf, $marker, $this->pos );
			if ( false !== $at ) {
				$text      = (string) substr( $this->buf, $this->pos, $at - $this->pos );
				$this->pos = $at + strlen( $marker );
				return $text;
			}
			if ( strlen( $this->buf ) - $this->pos > $most + strlen( $marker ) || ! $this->more() ) {
				throw new Backup_Layout( $marker );
			}
		}
	}

	/**
	 * Skips the text up to and past a marker, reading as far as needed.
	 *
	 * @param string $marker The marker (one that cannot occur inside a JSON string).
	 * @throws Backup_Layout When it is not there.
	 */
	public function skip_to( string $marker ): void {
		while ( true ) {
			$at = strpos( $this->buf, $marker, $this->pos );
			if ( false !== $at ) {
				$this->pos = $at + strlen( $marker );
				return;
			}
			// Keep the end that may hold the marker's start.
			$this->pos = max( $this->pos, strlen( $this->buf ) - strlen( $marker ) );
			if ( ! $this->more() ) {
				throw new Backup_Layout( $marker );
			}
		}
	}

	/**
	 * The rest of the text.
	 *
	 * @param int $most The most bytes it may have.
	 * @throws Backup_Layout When it is longer.
	 */
	public function rest( int $most ): string {
		while ( $this->more() ) {
			if ( strlen( $this->buf ) - $this->pos > $most ) {
				throw new Backup_Layout( 'rest' );
			}
		}
		$text      = (string) substr( $this->buf, $this->pos );
		$this->pos = strlen( $this->buf );
		return $text;
	}

	/**
	 * The rows of a list whose rows are objects starting with "id" (the source is just past its "["),
	 * a piece at a time: each batch is the rows of the text read so far, decoded at once. The list
	 * ends at $end ($close, then "]" and what follows, which holds a quote); rows are separated by
	 * $close then ',{"id":'. Both markers hold a quote, so neither can occur inside a JSON string.
	 *
	 * @param string $close How a row ends ("}", or "]}" for an activity, whose participants close it).
	 * @param string $next  What follows the list's "]" (e.g. ',"activities":[').
	 * @return \Generator<array[]> Batches of decoded rows.
	 * @throws Backup_Layout When the text is not such a list.
	 */
	public function rows( string $close, string $next ): \Generator {
		$sep = $close . ',{"id":';
		$end = $close . ']' . $next;
		while ( strlen( $this->buf ) - $this->pos < strlen( $end ) + 1 && $this->more() ) {
			continue;
		}
		if ( strlen( $this->buf ) - $this->pos < strlen( $next ) + 1 ) {
			throw new Backup_Layout( $next );
		}
		if ( 0 === substr_compare( $this->buf, ']' . $next, $this->pos, strlen( $next ) + 1 ) ) {
			$this->pos += strlen( $next ) + 1;
			return; // An empty list.
		}
		while ( true ) {
			$stop = strpos( $this->buf, $end, $this->pos );
			if ( false === $stop ) {
				$cut = strrpos( $this->buf, $sep, $this->pos );
				if ( false === $cut || $cut < $this->pos ) {
					if ( ! $this->more() ) {
						throw new Backup_Layout( $next );
					}
					continue;
				}
				$text      = substr( $this->buf, $this->pos, $cut + strlen( $close ) - $this->pos );
				$this->pos = $cut + strlen( $close ) + 1;
				yield self::decode( '[' . $text . ']' );
				$this->more();
				continue;
			}
			$text      = substr( $this->buf, $this->pos, $stop + strlen( $close ) - $this->pos );
			$this->pos = $stop + strlen( $end );
			yield self::decode( '[' . $text . ']' );
			return;
		}
	}

	/**
	 * Decodes a piece of JSON as the whole-text check does (json_decode, big integers as strings).
	 *
	 * @param string $json The JSON.
	 * @return array
	 * @throws Backup_Layout When it is not a JSON array or object.
	 */
	public static function decode( string $json ): array {
		$value = json_decode( $json, true, 512, JSON_BIGINT_AS_STRING );
		if ( ! is_array( $value ) ) {
			throw new Backup_Layout( 'json' );
		}
		return $value;
	}
}
