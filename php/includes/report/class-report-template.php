<?php
/**
 * The report template language: parse, check, render.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * A template is plain text, one block a line (docs/REPORT.md):
 *
 *     # 标题                     the title (小标宋 二号, centred)
 *     ## 一、基本情况            a heading of level 1 (黑体)
 *     ### （一）组织概况         a heading of level 2 (楷体)
 *     << 中共某某委员会：        a paragraph flush left (the addressee)
 *     >> 某某党支部              a paragraph flush right (the signature, the date)
 *     % a comment                left out of the report
 *     any other line             a paragraph (first line indented two characters)
 *
 * Inside any block: {{id}}, {{id | form}}, {{id name=value name="value with spaces" | form}} name a
 * figure of Report_Figures::catalogue() with its args and one of Report_Format's forms; [[ … ]] marks
 * a sentence left out when every number, ratio or list it holds is zero or empty (a sentence with no
 * such figure is always kept). A blank line is no block.
 *
 * Checking (self::check()) refuses: an unknown id (naming the nearest known one), an unclosed or
 * stray {{ }} or [[ ]], a nested one, an unknown arg or form, a form that does not fit the figure, and
 * an arg naming a kind, venue kind or level that does not exist. Each error names its line.
 */
final class Report_Template {

	/** The option holding the site's template (absent: the default). */
	const OPTION = 'dangjian_report_template';

	/** The largest template accepted, bytes. */
	const MAX_BYTES = 65536;

	/** Forms that need a number. */
	const NUMBER_FORMS = array( 'yu', 'duo', 'wan' );

	/**
	 * The site's template, or the default one.
	 */
	public static function stored(): string {
		$text = get_option( self::OPTION, '' );
		return is_string( $text ) && '' !== trim( $text ) ? $text : Report_Default::text();
	}

	/**
	 * Checks and stores a template. Nothing is stored when it has errors.
	 *
	 * @param string $text The template ('' restores the default).
	 * @return array<int,array{line:int,message:string}> The errors; empty when stored.
	 */
	public static function save( string $text ): array {
		$text = str_replace( array( "\r\n", "\r" ), "\n", $text );
		if ( '' === trim( $text ) ) {
			delete_option( self::OPTION );
			return array();
		}
		$errors = self::check( $text );
		if ( array() === $errors ) {
			update_option( self::OPTION, $text, false );
		}
		return $errors;
	}

	/**
	 * The errors of a template (empty when it is fine), at most 50.
	 *
	 * @param string $text The template.
	 * @return array<int,array{line:int,message:string}>
	 */
	public static function check( string $text ): array {
		return self::parse( $text )['errors'];
	}

	/**
	 * Parses a template into blocks (and errors).
	 *
	 * @param string $text The template.
	 * @return array{blocks:array,errors:array}
	 */
	public static function parse( string $text ): array {
		$blocks = array();
		$errors = array();
		if ( strlen( $text ) > self::MAX_BYTES ) {
			/* translators: %d: a size in bytes. */
			return array( 'blocks' => array(), 'errors' => array( array( 'line' => 0, 'message' => sprintf( __( 'The template is longer than %d bytes.', 'dangjian' ), self::MAX_BYTES ) ) ) );
		}
		if ( ! mb_check_encoding( $text, 'UTF-8' ) ) {
			return array( 'blocks' => array(), 'errors' => array( array( 'line' => 0, 'message' => __( 'The template is not valid UTF-8 text.', 'dangjian' ) ) ) );
		}
		foreach ( explode( "\n", str_replace( array( "\r\n", "\r" ), "\n", $text ) ) as $i => $raw ) {
			$line = rtrim( $raw );
			$no   = $i + 1;
			if ( '' === trim( $line ) || str_starts_with( ltrim( $line ), '%' ) ) {
				continue;
			}
			$block = self::block_of( $line, $no );
			try {
				$block['segments'] = self::segments( $block['body'] );
			} catch ( \InvalidArgumentException $e ) {
				$errors[] = array(
					'line'    => $no,
					'message' => $e->getMessage(),
				);
				if ( count( $errors ) >= 50 ) {
					break;
				}
				continue;
			}
			unset( $block['body'] );
			$blocks[] = $block;
		}
		return array(
			'blocks' => $errors ? array() : $blocks,
			'errors' => $errors,
		);
	}

	/**
	 * A line's block type, level and body.
	 *
	 * @param string $line The line.
	 * @param int    $no   Its number.
	 */
	private static function block_of( string $line, int $no ): array {
		$t = ltrim( $line );
		if ( preg_match( '/^(#{1,3})(?!#)\s*(.*)$/u', $t, $m ) ) {
			$n = strlen( $m[1] );
			return array(
				'type'  => 1 === $n ? 'title' : 'heading',
				'level' => max( 1, $n - 1 ),
				'line'  => $no,
				'body'  => $m[2],
			);
		}
		$align = 'both';
		if ( str_starts_with( $t, '>>' ) ) {
			$align = 'right';
			$line  = substr( $t, 2 );
		} elseif ( str_starts_with( $t, '<<' ) ) {
			$align = 'left';
			$line  = substr( $t, 2 );
		}
		return array(
			'type'  => 'paragraph',
			'align' => $align,
			'line'  => $no,
			'body'  => trim( $line ),
		);
	}

	/**
	 * A line's segments: text, placeholders and optional sentences.
	 *
	 * @param string $body The text after the block mark.
	 * @return array A list of array('t' => text) | array('p' => placeholder) | array('opt' => segments).
	 * @throws \InvalidArgumentException On the first error of the line.
	 */
	private static function segments( string $body ): array {
		$parts = preg_split( '/(\{\{|\}\}|\[\[|\]\])/u', $body, -1, PREG_SPLIT_DELIM_CAPTURE | PREG_SPLIT_OFFSET_CAPTURE );
		$top   = array();
		$opt   = null;
		$open  = null; // The column of an open {{.
		$inner = '';
		$ocol  = 0;
		foreach ( $parts as $part ) {
			list( $piece, $offset ) = $part;
			$col                    = mb_strlen( substr( $body, 0, $offset ) ) + 1;
			if ( null !== $open ) {
				if ( '}}' === $piece ) {
					$p = array( 'p' => self::placeholder( $inner ) );
					if ( null !== $opt ) {
						$opt[] = $p;
					} else {
						$top[] = $p;
					}
					$open  = null;
					$inner = '';
				} elseif ( in_array( $piece, array( '{{', '[[', ']]' ), true ) ) {
					/* translators: 1: "{{", "[[" or "]]", 2: a column, 3: the column of the open placeholder. */
					throw new \InvalidArgumentException( sprintf( __( '"%1$s" at column %2$d is inside the placeholder opened at column %3$d: close it with "}}" first', 'dangjian' ), $piece, $col, $open ) );
				} else {
					$inner .= $piece;
				}
				continue;
			}
			switch ( $piece ) {
				case '{{':
					$open = $col;
					break;
				case '}}':
					/* translators: %d: a column. */
					throw new \InvalidArgumentException( sprintf( __( '"}}" at column %d closes no placeholder', 'dangjian' ), $col ) );
				case '[[':
					if ( null !== $opt ) {
						/* translators: %d: a column. */
						throw new \InvalidArgumentException( sprintf( __( '"[[" at column %d opens a sentence inside another', 'dangjian' ), $col ) );
					}
					$opt  = array();
					$ocol = $col;
					break;
				case ']]':
					if ( null === $opt ) {
						/* translators: %d: a column. */
						throw new \InvalidArgumentException( sprintf( __( '"]]" at column %d closes no sentence', 'dangjian' ), $col ) );
					}
					$top[] = array( 'opt' => $opt );
					$opt   = null;
					break;
				default:
					if ( '' !== $piece ) {
						if ( null !== $opt ) {
							$opt[] = array( 't' => $piece );
						} else {
							$top[] = array( 't' => $piece );
						}
					}
			}
		}
		if ( null !== $open ) {
			/* translators: %d: a column. */
			throw new \InvalidArgumentException( sprintf( __( 'unclosed placeholder: "{{" at column %d has no "}}" on this line', 'dangjian' ), $open ) );
		}
		if ( null !== $opt ) {
			/* translators: %d: a column. */
			throw new \InvalidArgumentException( sprintf( __( 'unclosed sentence: "[[" at column %d has no "]]" on this line', 'dangjian' ), $ocol ) );
		}
		return $top;
	}

	/**
	 * A placeholder's id, args and form, checked.
	 *
	 * @param string $inner The text between {{ and }}.
	 * @return array{id:string,args:array,form:string,raw:string}
	 * @throws \InvalidArgumentException When it is not right.
	 */
	private static function placeholder( string $inner ): array {
		$raw   = trim( $inner );
		$pipes = explode( '|', str_replace( '｜', '|', $raw ) );
		if ( count( $pipes ) > 2 ) {
			/* translators: %s: a placeholder. */
			throw new \InvalidArgumentException( sprintf( __( '{{%s}}: more than one "|" (write {{id args | form}})', 'dangjian' ), $raw ) );
		}
		$head = trim( $pipes[0] );
		if ( ! preg_match( '/^([A-Za-z0-9_.]+)(.*)$/su', $head, $m ) && null !== Report_Figures::by_label( $head ) ) {
			/* translators: 1: a figure id, 2: the nearest known id. */
			throw new \InvalidArgumentException( sprintf( __( 'unknown figure "%1$s" (did you mean "%2$s"?)', 'dangjian' ), $head, (string) Report_Figures::by_label( $head ) ) );
		}
		if ( ! preg_match( '/^([A-Za-z0-9_.]+)(.*)$/su', $head, $m ) ) {
			/* translators: %s: a placeholder. */
			throw new \InvalidArgumentException( sprintf( __( '{{%s}}: no figure id (write {{id args | form}})', 'dangjian' ), $raw ) );
		}
		$id        = $m[1];
		$catalogue = Report_Figures::catalogue();
		if ( ! isset( $catalogue[ $id ] ) ) {
			/* translators: 1: a figure id, 2: the nearest known id. */
			throw new \InvalidArgumentException( sprintf( __( 'unknown figure "%1$s" (did you mean "%2$s"?)', 'dangjian' ), $id, (string) Report_Figures::nearest( $id ) ) );
		}
		$args = array();
		$rest = trim( $m[2] );
		while ( '' !== $rest ) {
			if ( ! preg_match( '/^([a-z_]+)\s*=\s*(?:"([^"]*)"|“([^”]*)”|([^\s"“”]+))\s*/u', $rest, $a ) ) {
				/* translators: 1: a figure id, 2: the text that is not an argument. */
				throw new \InvalidArgumentException( sprintf( __( '{{%1$s}}: "%2$s" is not an argument (write name=value)', 'dangjian' ), $id, $rest ) );
			}
			$args[ $a[1] ] = (string) ( ( $a[2] ?? '' ) . ( $a[3] ?? '' ) . ( $a[4] ?? '' ) );
			$rest          = substr( $rest, strlen( $a[0] ) );
		}
		$error = Report_Figures::check_args( $id, $args );
		if ( null !== $error ) {
			throw new \InvalidArgumentException( '{{' . $id . '}}: ' . $error );
		}
		$type = $catalogue[ $id ]['type'];
		$form = isset( $pipes[1] ) ? Report_Format::form( $pipes[1] ) : self::default_form( $type );
		if ( null === $form ) {
			/* translators: 1: a figure id, 2: the form given, 3: the forms that exist. */
			throw new \InvalidArgumentException( sprintf( __( '{{%1$s}}: unknown form "%2$s" (forms: %3$s)', 'dangjian' ), $id, trim( $pipes[1] ), implode( ', ', array_keys( Report_Format::FORMS ) ) ) );
		}
		if ( ! self::fits( $form, $type ) ) {
			/* translators: 1: a figure id, 2: a form, 3: a figure type. */
			throw new \InvalidArgumentException( sprintf( __( '{{%1$s}}: the form "%2$s" does not fit a figure of type %3$s', 'dangjian' ), $id, $form, $type ) );
		}
		return array(
			'id'   => $id,
			'args' => $args,
			'form' => $form,
			'raw'  => $raw,
		);
	}

	/**
	 * The form a figure takes when the template names none.
	 *
	 * @param string $type The figure's type.
	 */
	public static function default_form( string $type ): string {
		$forms = array(
			'ratio' => 'percent',
			'list'  => 'list',
			'date'  => 'date',
			'text'  => 'text',
		);
		return $forms[ $type ] ?? 'exact';
	}

	/**
	 * Whether a form fits a type.
	 *
	 * @param string $form A canonical form.
	 * @param string $type A figure type.
	 */
	private static function fits( string $form, string $type ): bool {
		$numeric = in_array( $type, array( 'count', 'amount', 'hours' ), true );
		if ( in_array( $form, self::NUMBER_FORMS, true ) ) {
			return $numeric;
		}
		if ( 'percent' === $form ) {
			return 'ratio' === $type;
		}
		if ( in_array( $form, array( 'date', 'month', 'year' ), true ) ) {
			return 'date' === $type;
		}
		return true;
	}

	/**
	 * Renders parsed blocks for a period: each block with its parts, a part being array('text' => …)
	 * or a figure array('text' => …, 'figure' => id, 'args' => …, 'value' => raw value, 'form' => …).
	 * Sentences in [[ ]] whose figures are all zero are left out, and so is a paragraph left empty.
	 *
	 * @param array          $blocks The parsed blocks (self::parse()['blocks']).
	 * @param Report_Context $ctx    The period.
	 * @return array<int,array{type:string,level?:int,align?:string,line:int,parts:array}>
	 * @throws \RuntimeException When a figure cannot be computed, naming the line and the placeholder.
	 */
	public static function render( array $blocks, Report_Context $ctx ): array {
		$out = array();
		foreach ( $blocks as $block ) {
			$parts   = array();
			$dropped = false; // Whether the paragraph's last sentence was left out.
			foreach ( $block['segments'] as $seg ) {
				$inner = self::render_segments( $seg['opt'] ?? array( $seg ), $ctx, $block['line'] );
				if ( isset( $seg['opt'] ) && self::all_zero( $inner ) ) {
					$dropped = true;
					continue;
				}
				if ( '' !== trim( self::plain( $inner ), " \t　" ) ) {
					$dropped = false;
				}
				array_push( $parts, ...$inner );
			}
			if ( 'paragraph' === $block['type'] && '' === trim( self::plain( $parts ), " \t　" ) ) {
				continue;
			}
			unset( $block['segments'] );
			$block['parts'] = 'paragraph' === $block['type'] && $dropped ? self::close_sentence( $parts ) : $parts;
			$out[]          = $block;
		}
		return $out;
	}

	/**
	 * Segments (text and placeholders) as parts.
	 *
	 * @param array          $segments The segments.
	 * @param Report_Context $ctx      The period.
	 * @param int            $line     The template line (for errors).
	 */
	private static function render_segments( array $segments, Report_Context $ctx, int $line ): array {
		$parts = array();
		foreach ( $segments as $seg ) {
			if ( isset( $seg['t'] ) ) {
				$parts[] = array( 'text' => $seg['t'] );
				continue;
			}
			$p = $seg['p'];
			try {
				$value = Report_Figures::evaluate( $p['id'], $p['args'], $ctx );
				$text  = Report_Format::apply( $value, $p['form'] );
				$spec  = Report_Figures::catalogue()[ $p['id'] ];
				if ( ( null === $value || '' === $value ) && in_array( $spec['type'], array( 'text', 'date' ), true ) ) {
					/* translators: %s: the Chinese label of a figure. */
					$text = sprintf( __( '[%s: not filled in]', 'dangjian' ), $spec['label'] );
				}
			} catch ( \Throwable $e ) {
				/* translators: 1: a line number, 2: a placeholder, 3: the reason. */
				throw new \RuntimeException( sprintf( __( 'Line %1$d, {{%2$s}}: %3$s', 'dangjian' ), $line, $p['raw'], $e->getMessage() ), 0, $e );
			}
			$parts[] = array(
				'text'   => $text,
				'figure' => $p['id'],
				'args'   => $p['args'],
				'value'  => $value,
				'form'   => $p['form'],
			);
		}
		return $parts;
	}

	/**
	 * Whether every number, ratio or list among parts is zero or empty (and there is at least one).
	 *
	 * @param array $parts The parts of a sentence.
	 */
	private static function all_zero( array $parts ): bool {
		$catalogue = Report_Figures::catalogue();
		$counted   = 0;
		foreach ( $parts as $part ) {
			if ( ! isset( $part['figure'] ) || in_array( $catalogue[ $part['figure'] ]['type'], array( 'text', 'date' ), true ) ) {
				continue;
			}
			++$counted;
			if ( ! Report_Format::is_zero( $part['value'] ) ) {
				return false;
			}
		}
		return $counted > 0;
	}

	/**
	 * A paragraph whose last sentence was left out ends with the comma of the one before it: that
	 * comma (，、；：) becomes a full stop.
	 *
	 * @param array $parts The parts.
	 */
	private static function close_sentence( array $parts ): array {
		for ( $i = count( $parts ) - 1; $i >= 0; $i-- ) {
			$text = rtrim( $parts[ $i ]['text'] );
			if ( '' === $text ) {
				continue;
			}
			if ( ! isset( $parts[ $i ]['figure'] ) && preg_match( '/[，、；：,;]$/u', $text ) ) {
				$parts[ $i ]['text'] = (string) preg_replace( '/[，、；：,;]$/u', '。', $text );
			}
			break;
		}
		return $parts;
	}

	/**
	 * Parts as plain text.
	 *
	 * @param array $parts The parts.
	 */
	public static function plain( array $parts ): string {
		return implode( '', array_column( $parts, 'text' ) );
	}
}
