<?php
/**
 * A plain zip writer (deflate through gzdeflate, checksums through crc32): these PHP builds have no
 * ZipArchive, and an OOXML document is a zip.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Builds a zip archive in memory. Entries are deflated (method 8) unless that does not make them
 * smaller, then stored (method 0). No zip64: an entry or the archive over 4 GiB is refused.
 *
 *     $zip = new Report_Zip();
 *     $zip->add( '[Content_Types].xml', $xml );
 *     file_put_contents( 'a.docx', $zip->bytes() );
 */
final class Report_Zip {

	/** @var string[] Local headers and data, in order. */
	private $parts = array();

	/** @var string[] Central directory records. */
	private $central = array();

	/** @var int Bytes written so far (offset of the next local header). */
	private $offset = 0;

	/** @var int DOS time and date of every entry. */
	private $dos_time;

	/** @var int */
	private $dos_date;

	/** @var array<string,bool> */
	private $names = array();

	/**
	 * @param int|null $timestamp The modification time of every entry (Unix time, UTC); default now.
	 *                            A fixed time makes the archive reproducible.
	 */
	public function __construct( ?int $timestamp = null ) {
		$t              = gmdate( 'Y-n-j-G-i-s', max( 315532800, $timestamp ?? time() ) );
		list( $y, $mo, $d, $h, $mi, $s ) = array_map( 'intval', explode( '-', $t ) );
		$this->dos_time = ( $h << 11 ) | ( $mi << 5 ) | intdiv( $s, 2 );
		$this->dos_date = ( ( $y - 1980 ) << 9 ) | ( $mo << 5 ) | $d;
	}

	/**
	 * Adds a file.
	 *
	 * @param string $name The path inside the archive ("word/document.xml"), UTF-8, no leading "/".
	 * @param string $data The content.
	 * @throws \InvalidArgumentException On an empty, absolute or repeated name, or data over 4 GiB.
	 */
	public function add( string $name, string $data ): void {
		if ( '' === $name || '/' === $name[0] || isset( $this->names[ $name ] ) || str_contains( $name, '\\' ) ) {
			throw new \InvalidArgumentException( 'zip: bad or repeated entry name "' . $name . '"' );
		}
		if ( strlen( $data ) >= 0xFFFFFFFF ) {
			throw new \InvalidArgumentException( 'zip: entry "' . $name . '" is too large' );
		}
		$this->names[ $name ] = true;

		$crc     = crc32( $data );
		$size    = strlen( $data );
		$packed  = gzdeflate( $data, 6 );
		$method  = 8;
		if ( false === $packed || strlen( $packed ) >= $size ) {
			$packed = $data;
			$method = 0;
		}
		$csize = strlen( $packed );
		$flags = 0x0800; // Names are UTF-8.

		$local = pack( 'VvvvvvVVVvv', 0x04034b50, 20, $flags, $method, $this->dos_time, $this->dos_date, $crc, $csize, $size, strlen( $name ), 0 ) . $name;

		$this->central[] = pack(
			'VvvvvvvVVVvvvvvVV',
			0x02014b50,
			20,
			20,
			$flags,
			$method,
			$this->dos_time,
			$this->dos_date,
			$crc,
			$csize,
			$size,
			strlen( $name ),
			0,
			0,
			0,
			0,
			0,
			$this->offset
		) . $name;

		$this->parts[] = $local;
		$this->parts[] = $packed;
		$this->offset += strlen( $local ) + $csize;
		if ( $this->offset >= 0xFFFFFFFF ) {
			throw new \InvalidArgumentException( 'zip: the archive is too large' );
		}
	}

	/**
	 * The archive's bytes: the entries, the central directory, its end record.
	 */
	public function bytes(): string {
		$dir = implode( '', $this->central );
		$end = pack( 'VvvvvVVv', 0x06054b50, 0, 0, count( $this->central ), count( $this->central ), strlen( $dir ), $this->offset, 0 );
		return implode( '', $this->parts ) . $dir . $end;
	}
}
