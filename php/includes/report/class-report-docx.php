<?php
/**
 * A small OOXML (.docx) writer laid out as Chinese official documents are (GB/T 9704).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Writes a .docx from a list of blocks. Other rooms reuse it (the star rating writes its table with it).
 *
 *     $bytes = Report_Docx::document(
 *         array(
 *             array( 'type' => 'title', 'text' => '关于2025年度党建工作情况的汇报' ),
 *             array( 'type' => 'heading', 'level' => 1, 'text' => '一、基本情况' ),
 *             array( 'type' => 'heading', 'level' => 2, 'text' => '（一）组织概况' ),
 *             array( 'type' => 'paragraph', 'text' => '支部现有党员24名……' ),
 *             array( 'type' => 'paragraph', 'runs' => array( array( 'text' => '加粗', 'bold' => true ), array( 'text' => '正文' ) ) ),
 *             array( 'type' => 'paragraph', 'text' => '某某党支部', 'align' => 'right', 'indent' => false ),
 *             array( 'type' => 'table', 'rows' => array( array( '项目', '数量' ), array( '党员', '24' ) ), 'header' => true ),
 *         ),
 *         array( 'title' => '工作汇报', 'author' => '某某党支部' )
 *     );
 *
 * Block types:
 *  - title: 'text'. 小标宋 二号 (22 pt), centred, followed by an empty line.
 *  - heading: 'text', 'level' 1 (黑体 三号) or 2 (楷体 三号), indented two characters as GB/T 9704 asks.
 *  - paragraph: 'text' (newlines become line breaks) or 'runs' (each 'text', optional 'bold'); optional
 *    'align' (left, center, right, both; default both) and 'indent' (first-line indent of two
 *    characters, default true). Body: 仿宋 三号 (16 pt), exact line spacing 28 pt.
 *  - table: 'rows' (a list of lists of strings, all rows the same length), optional 'header' (the
 *    first row bold and repeated on every page, default true), 'widths' (relative column widths).
 *    Table text is 仿宋 四号 (14 pt).
 *  - page_break: no field.
 * Options: 'title', 'author' (document properties), 'page_numbers' (default true: "— N —" in the
 * footer, 宋体 四号, right on odd pages and left on even pages), 'timestamp' (Unix time of the zip
 * entries and properties; default now), and 'fonts' to replace any of body, title, heading1,
 * heading2, page (font names).
 *
 * The page: A4 (210 × 297 mm), margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
 * The archive is written by Report_Zip (a plain PHP zip writer: gzdeflate + crc32).
 */
final class Report_Docx {

	/** The default fonts (East Asian names as Word and WPS know them). */
	const FONTS = array(
		'body'     => '仿宋_GB2312',
		'title'    => '方正小标宋简体',
		'heading1' => '黑体',
		'heading2' => '楷体_GB2312',
		'page'     => '宋体',
		'latin'    => 'Times New Roman',
	);

	/** A4 in twentieths of a point. */
	const PAGE_W = 11906;
	const PAGE_H = 16838;

	/** Margins in twips: 37, 35, 28, 26 mm (1 mm = 56.693 twips). */
	const MARGIN_TOP    = 2098;
	const MARGIN_BOTTOM = 1984;
	const MARGIN_LEFT   = 1587;
	const MARGIN_RIGHT  = 1474;

	/** Exact line spacing of the body, twips (28 pt: 22 lines a page). */
	const LINE = 560;

	/**
	 * The .docx file's bytes.
	 *
	 * @param array $blocks  The content, as described on the class.
	 * @param array $options As described on the class.
	 * @throws \InvalidArgumentException On a block that is not as described, naming its position
	 *                                   ("blocks[3].rows[1]: …").
	 */
	public static function document( array $blocks, array $options = array() ): string {
		$fonts = array_merge( self::FONTS, array_filter( (array) ( $options['fonts'] ?? array() ), 'is_string' ) );
		$pages = $options['page_numbers'] ?? true;
		$time  = isset( $options['timestamp'] ) ? (int) $options['timestamp'] : time();

		$body = '';
		foreach ( array_values( $blocks ) as $i => $block ) {
			$body .= self::block( $block, $i );
		}
		$sect = '<w:sectPr>'
			. ( $pages ? '<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>' : '' )
			. '<w:pgSz w:w="' . self::PAGE_W . '" w:h="' . self::PAGE_H . '"/>'
			. '<w:pgMar w:top="' . self::MARGIN_TOP . '" w:right="' . self::MARGIN_RIGHT . '" w:bottom="' . self::MARGIN_BOTTOM . '" w:left="' . self::MARGIN_LEFT . '" w:header="851" w:footer="992" w:gutter="0"/>'
			. '<w:docGrid w:type="linesAndChars" w:linePitch="' . self::LINE . '" w:charSpace="0"/>'
			. '</w:sectPr>';

		$zip = new Report_Zip( $time );
		$zip->add( '[Content_Types].xml', self::content_types( $pages ) );
		$zip->add( '_rels/.rels', self::XML . '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>' );
		$zip->add( 'word/document.xml', self::XML . '<w:document ' . self::NS . '><w:body>' . $body . $sect . '</w:body></w:document>' );
		$zip->add( 'word/styles.xml', self::styles( $fonts ) );
		$zip->add( 'word/settings.xml', self::XML . '<w:settings ' . self::NS . '>' . ( $pages ? '<w:evenAndOddHeaders/>' : '' ) . '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>' );
		$zip->add( 'word/_rels/document.xml.rels', self::document_rels( $pages ) );
		if ( $pages ) {
			$zip->add( 'word/footer1.xml', self::footer( 'right', $fonts ) );
			$zip->add( 'word/footer2.xml', self::footer( 'left', $fonts ) );
		}
		$zip->add( 'docProps/core.xml', self::core( (string) ( $options['title'] ?? '' ), (string) ( $options['author'] ?? '' ), $time ) );
		$zip->add( 'docProps/app.xml', self::XML . '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Dangjian</Application></Properties>' );
		return $zip->bytes();
	}

	const XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
	const NS  = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

	/**
	 * One block's XML.
	 *
	 * @param mixed $block The block.
	 * @param int   $i     Its position (for error messages).
	 */
	private static function block( $block, int $i ): string {
		if ( ! is_array( $block ) || ! isset( $block['type'] ) || ! is_string( $block['type'] ) ) {
			throw new \InvalidArgumentException( "blocks[$i]: not a block (an array with a 'type')" );
		}
		switch ( $block['type'] ) {
			case 'title':
				return '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>' . self::run( self::text_of( $block, $i ) ) . '</w:p><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr></w:p>';
			case 'heading':
				$level = $block['level'] ?? 1;
				if ( 1 !== $level && 2 !== $level ) {
					throw new \InvalidArgumentException( "blocks[$i].level: must be 1 or 2" );
				}
				return '<w:p><w:pPr><w:pStyle w:val="Heading' . $level . '"/></w:pPr>' . self::run( self::text_of( $block, $i ) ) . '</w:p>';
			case 'paragraph':
				return self::paragraph( $block, $i );
			case 'table':
				return self::table( $block, $i );
			case 'page_break':
				return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
		}
		throw new \InvalidArgumentException( "blocks[$i].type: unknown type \"" . $block['type'] . '" (title, heading, paragraph, table, page_break)' );
	}

	/**
	 * A block's 'text', checked.
	 *
	 * @param array $block The block.
	 * @param int   $i     Its position.
	 */
	private static function text_of( array $block, int $i ): string {
		if ( ! isset( $block['text'] ) || ! is_string( $block['text'] ) ) {
			throw new \InvalidArgumentException( "blocks[$i].text: must be a string" );
		}
		return $block['text'];
	}

	/**
	 * A paragraph block.
	 *
	 * @param array $block The block.
	 * @param int   $i     Its position.
	 */
	private static function paragraph( array $block, int $i ): string {
		$align = $block['align'] ?? 'both';
		if ( ! in_array( $align, array( 'left', 'center', 'right', 'both' ), true ) ) {
			throw new \InvalidArgumentException( "blocks[$i].align: must be left, center, right or both" );
		}
		$ppr = '<w:pPr>';
		if ( false === ( $block['indent'] ?? true ) ) {
			$ppr .= '<w:ind w:firstLineChars="0" w:firstLine="0"/>';
		}
		$ppr .= 'both' !== $align ? '<w:jc w:val="' . $align . '"/>' : '';
		$ppr .= '</w:pPr>';
		if ( isset( $block['runs'] ) ) {
			if ( ! is_array( $block['runs'] ) ) {
				throw new \InvalidArgumentException( "blocks[$i].runs: must be a list of runs" );
			}
			$runs = '';
			foreach ( array_values( $block['runs'] ) as $j => $run ) {
				if ( ! is_array( $run ) || ! isset( $run['text'] ) || ! is_string( $run['text'] ) ) {
					throw new \InvalidArgumentException( "blocks[$i].runs[$j].text: must be a string" );
				}
				$runs .= self::run( $run['text'], ! empty( $run['bold'] ) );
			}
			return '<w:p>' . $ppr . $runs . '</w:p>';
		}
		return '<w:p>' . $ppr . self::run( self::text_of( $block, $i ) ) . '</w:p>';
	}

	/**
	 * A table block.
	 *
	 * @param array $block The block.
	 * @param int   $i     Its position.
	 */
	private static function table( array $block, int $i ): string {
		$rows = $block['rows'] ?? null;
		if ( ! is_array( $rows ) || array() === $rows ) {
			throw new \InvalidArgumentException( "blocks[$i].rows: must be a non-empty list of rows" );
		}
		$rows = array_values( $rows );
		$cols = is_array( $rows[0] ) ? count( $rows[0] ) : 0;
		if ( 0 === $cols ) {
			throw new \InvalidArgumentException( "blocks[$i].rows[0]: must be a non-empty list of cells" );
		}
		$width  = self::PAGE_W - self::MARGIN_LEFT - self::MARGIN_RIGHT;
		$rel    = isset( $block['widths'] ) && is_array( $block['widths'] ) && count( $block['widths'] ) === $cols ? array_map( 'floatval', array_values( $block['widths'] ) ) : array_fill( 0, $cols, 1.0 );
		$sum    = array_sum( $rel ) > 0 ? array_sum( $rel ) : $cols;
		$widths = array_map( static fn( $w ) => (int) floor( $width * $w / $sum ), $rel );
		$header = $block['header'] ?? true;

		$xml  = '<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:w="' . $width . '" w:type="dxa"/><w:jc w:val="center"/>';
		$xml .= '<w:tblBorders>';
		foreach ( array( 'top', 'left', 'bottom', 'right', 'insideH', 'insideV' ) as $side ) {
			$xml .= '<w:' . $side . ' w:val="single" w:sz="4" w:space="0" w:color="000000"/>';
		}
		$xml .= '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>';
		foreach ( $widths as $w ) {
			$xml .= '<w:gridCol w:w="' . $w . '"/>';
		}
		$xml .= '</w:tblGrid>';
		foreach ( $rows as $r => $row ) {
			if ( ! is_array( $row ) || count( $row ) !== $cols ) {
				throw new \InvalidArgumentException( "blocks[$i].rows[$r]: must be a list of $cols cells" );
			}
			$head = $header && 0 === $r;
			$xml .= '<w:tr>' . ( $head ? '<w:trPr><w:tblHeader/></w:trPr>' : '' );
			foreach ( array_values( $row ) as $c => $cell ) {
				if ( ! is_scalar( $cell ) && null !== $cell ) {
					throw new \InvalidArgumentException( "blocks[$i].rows[$r][$c]: must be text" );
				}
				$xml .= '<w:tc><w:tcPr><w:tcW w:w="' . $widths[ $c ] . '" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
					. '<w:p><w:pPr><w:pStyle w:val="TableText"/>' . ( $head ? '<w:jc w:val="center"/>' : '' ) . '</w:pPr>'
					. self::run( (string) $cell, $head ) . '</w:p></w:tc>';
			}
			$xml .= '</w:tr>';
		}
		return $xml . '</w:tbl><w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:p>';
	}

	/**
	 * A run of text: XML-escaped, characters XML 1.0 forbids dropped, newlines as line breaks.
	 *
	 * @param string $text The text (UTF-8; invalid bytes are replaced).
	 * @param bool   $bold Whether bold.
	 */
	private static function run( string $text, bool $bold = false ): string {
		if ( '' === $text ) {
			return '';
		}
		$text  = mb_scrub( $text, 'UTF-8' );
		$text  = (string) preg_replace( '/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/', '', $text );
		$lines = preg_split( '/\r\n|\r|\n/', $text );
		$out   = '<w:r>' . ( $bold ? '<w:rPr><w:b/></w:rPr>' : '' );
		foreach ( $lines as $k => $line ) {
			$out .= ( $k > 0 ? '<w:br/>' : '' ) . '<w:t xml:space="preserve">' . htmlspecialchars( $line, ENT_XML1 | ENT_QUOTES, 'UTF-8' ) . '</w:t>';
		}
		return $out . '</w:r>';
	}

	/**
	 * rFonts for an East Asian font with the Latin font beside it.
	 *
	 * @param string $east  The East Asian font.
	 * @param string $latin The Latin font.
	 */
	private static function fonts( string $east, string $latin ): string {
		$e = htmlspecialchars( $east, ENT_XML1 | ENT_QUOTES, 'UTF-8' );
		$l = htmlspecialchars( $latin, ENT_XML1 | ENT_QUOTES, 'UTF-8' );
		return '<w:rFonts w:ascii="' . $l . '" w:hAnsi="' . $l . '" w:eastAsia="' . $e . '" w:cs="' . $l . '"/>';
	}

	/**
	 * word/styles.xml: Normal (仿宋 16 pt), Title (小标宋 22 pt), Heading1 (黑体), Heading2 (楷体),
	 * TableText (仿宋 14 pt), Footer.
	 *
	 * @param array $f The fonts.
	 */
	private static function styles( array $f ): string {
		$line = '<w:spacing w:before="0" w:after="0" w:line="' . self::LINE . '" w:lineRule="exact"/>';
		$ind  = '<w:ind w:firstLineChars="200" w:firstLine="640"/>';
		return self::XML . '<w:styles ' . self::NS . '>'
			. '<w:docDefaults><w:rPrDefault><w:rPr>' . self::fonts( $f['body'], $f['latin'] ) . '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
			. '<w:pPrDefault><w:pPr>' . $line . '</w:pPr></w:pPrDefault></w:docDefaults>'
			. '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/>' . $line . $ind . '</w:pPr><w:rPr>' . self::fonts( $f['body'], $f['latin'] ) . '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>'
			. '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="0" w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>' . self::fonts( $f['title'], $f['latin'] ) . '<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>'
			. '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>' . self::fonts( $f['heading1'], $f['latin'] ) . '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>'
			. '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>' . self::fonts( $f['heading2'], $f['latin'] ) . '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>'
			. '<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="left"/><w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>'
			. '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:rPr>' . self::fonts( $f['page'], $f['page'] ) . '<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>'
			. '<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
			. '</w:styles>';
	}

	/**
	 * A footer with the page number "— N —".
	 *
	 * @param string $align right (odd pages) or left (even pages).
	 * @param array  $f     The fonts.
	 */
	private static function footer( string $align, array $f ): string {
		$ind = 'right' === $align ? '<w:ind w:right="280" w:firstLine="0"/>' : '<w:ind w:left="280" w:firstLine="0"/>';
		return self::XML . '<w:ftr ' . self::NS . '><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="' . $align . '"/>' . $ind . '</w:pPr>'
			. '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
			. '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
			. '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>';
	}

	/**
	 * [Content_Types].xml.
	 *
	 * @param bool $pages Whether the footers are present.
	 */
	private static function content_types( bool $pages ): string {
		$wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';
		return self::XML . '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
			. '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
			. '<Override PartName="/word/document.xml" ContentType="' . $wml . 'document.main+xml"/>'
			. '<Override PartName="/word/styles.xml" ContentType="' . $wml . 'styles+xml"/>'
			. '<Override PartName="/word/settings.xml" ContentType="' . $wml . 'settings+xml"/>'
			. ( $pages ? '<Override PartName="/word/footer1.xml" ContentType="' . $wml . 'footer+xml"/><Override PartName="/word/footer2.xml" ContentType="' . $wml . 'footer+xml"/>' : '' )
			. '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
			. '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
			. '</Types>';
	}

	/**
	 * word/_rels/document.xml.rels.
	 *
	 * @param bool $pages Whether the footers are present.
	 */
	private static function document_rels( bool $pages ): string {
		$base = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
		return self::XML . '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
			. '<Relationship Id="rIdStyles" Type="' . $base . 'styles" Target="styles.xml"/>'
			. '<Relationship Id="rIdSettings" Type="' . $base . 'settings" Target="settings.xml"/>'
			. ( $pages ? '<Relationship Id="rIdFooterOdd" Type="' . $base . 'footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="' . $base . 'footer" Target="footer2.xml"/>' : '' )
			. '</Relationships>';
	}

	/**
	 * docProps/core.xml.
	 *
	 * @param string $title  The title.
	 * @param string $author The author.
	 * @param int    $time   Unix time.
	 */
	private static function core( string $title, string $author, int $time ): string {
		$e    = static fn( $s ) => htmlspecialchars( mb_scrub( $s, 'UTF-8' ), ENT_XML1 | ENT_QUOTES, 'UTF-8' );
		$when = gmdate( 'Y-m-d\TH:i:s\Z', $time );
		return self::XML . '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
			. '<dc:title>' . $e( $title ) . '</dc:title><dc:creator>' . $e( $author ) . '</dc:creator>'
			. '<dcterms:created xsi:type="dcterms:W3CDTF">' . $when . '</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">' . $when . '</dcterms:modified>'
			. '</cp:coreProperties>';
	}
}
