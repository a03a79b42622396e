<?php
/**
 * The committee's screen: every branch of the network in one table, with totals and rankings.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The screen lives in the network admin (super admins) and, for committee staff who are not super
 * admins, in the main site's dashboard; both need view_dangjian_network. Its reads are the
 * queries of Network_Store (one query for the rows, one for coverage), never a loop over sites.
 * The management forms (types, organisations without a branch, committee staff, staleness) need
 * manage_network_options and are handled by Network_Actions.
 *
 * Stable markup for tests: table#dangjian-network-table, each branch a tr[data-site="ID"] with
 * td[data-col="COLUMN"]; the totals in #dangjian-network-totals [data-total="KEY"]; the compliance
 * badge .dangjian-band--green|amber|red|none; stale branches carry data-stale="1".
 */
final class Network_Admin {

	const SLUG = 'dangjian-network';

	/**
	 * The network admin menu.
	 */
	public static function network_menu(): void {
		$hook = add_menu_page( __( 'Branches of the network', 'dangjian' ), __( 'Party branches', 'dangjian' ), Network_Module::VIEW, self::SLUG, array( self::class, 'render' ), 'dashicons-networking', 3 );
		add_action( 'load-' . $hook, array( Network_Actions::class, 'handle' ) );
	}

	/**
	 * The main site's menu, for committee staff who are not super admins.
	 */
	public static function site_menu(): void {
		if ( ! is_main_site() ) {
			return;
		}
		$hook = add_menu_page( __( 'Branches of the network', 'dangjian' ), __( 'Party branches', 'dangjian' ), Network_Module::VIEW, self::SLUG, array( self::class, 'render' ), 'dashicons-networking', 4 );
		add_action( 'load-' . $hook, array( Network_Actions::class, 'handle' ) );
	}

	/**
	 * The screen's URL with some arguments.
	 *
	 * @param array $args Query arguments.
	 */
	public static function url( array $args = array() ): string {
		$base = is_network_admin() ? network_admin_url( 'admin.php' ) : admin_url( 'admin.php' );
		return add_query_arg( array_merge( array( 'page' => self::SLUG ), $args ), $base );
	}

	/**
	 * The filters of the request (GET), cleaned.
	 *
	 * @return array year, district, org_type, stars, band, status, orderby, order.
	 */
	public static function filters(): array {
		$get  = array_map( static fn( $v ) => is_string( $v ) ? $v : '', wp_unslash( $_GET ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Reading filters only.
		$year = isset( $get['year'] ) && ctype_digit( (string) $get['year'] ) ? (int) $get['year'] : Network_Push::this_year();
		return array(
			'year'     => max( 1900, min( 2199, $year ) ),
			'district' => sanitize_text_field( (string) ( $get['district'] ?? '' ) ),
			'org_type' => sanitize_key( (string) ( $get['org_type'] ?? '' ) ),
			'stars'    => sanitize_key( (string) ( $get['stars'] ?? '' ) ),
			'band'     => sanitize_key( (string) ( $get['band'] ?? '' ) ),
			'status'   => in_array( $get['status'] ?? '', array( 'active', 'archived', 'all' ), true ) ? $get['status'] : 'active',
			'orderby'  => in_array( $get['orderby'] ?? '', Network_Store::SORTABLE, true ) ? $get['orderby'] : 'name',
			'order'    => 'desc' === ( $get['order'] ?? '' ) ? 'desc' : 'asc',
		);
	}

	/**
	 * The table's columns: column => [label, kind]. Kinds: text, count, amount, ratio, band, stars, time.
	 *
	 * @return array<string,array{0:string,1:string}>
	 */
	public static function columns(): array {
		return array(
			'name'               => array( __( 'Branch', 'dangjian' ), 'text' ),
			'district'           => array( __( 'District', 'dangjian' ), 'text' ),
			'org_type'           => array( __( 'Type', 'dangjian' ), 'text' ),
			'party_members'      => array( __( 'Party members', 'dangjian' ), 'count' ),
			'probationary'       => array( __( 'Probationary members', 'dangjian' ), 'count' ),
			'applicants'         => array( __( 'Applicants', 'dangjian' ), 'count' ),
			'staff_share'        => array( __( 'Party members among the staff', 'dangjian' ), 'ratio' ),
			'service_activities' => array( __( 'Service activities', 'dangjian' ), 'count' ),
			'service_hours'      => array( __( 'Service hours', 'dangjian' ), 'amount' ),
			'beneficiaries'      => array( __( 'People helped', 'dangjian' ), 'count' ),
			'volunteer_hours'    => array( __( 'Volunteer hours', 'dangjian' ), 'amount' ),
			'fee_waived'         => array( __( 'Fees waived (yuan)', 'dangjian' ), 'amount' ),
			'meetings'           => array( __( 'Meetings held', 'dangjian' ), 'count' ),
			'compliance'         => array( __( 'Meetings on schedule (三会一课)', 'dangjian' ), 'band' ),
			'stars'              => array( __( 'Stars', 'dangjian' ), 'stars' ),
			'data_changed_at'    => array( __( 'Last update', 'dangjian' ), 'time' ),
		);
	}

	/**
	 * Renders the screen.
	 */
	public static function render(): void {
		if ( ! current_user_can( Network_Module::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to see the network.', 'dangjian' ), 403 );
		}
		$t0 = hrtime( true );
		ob_start(); // One write of the whole screen instead of one per row (a thousand rows).
		$f      = self::filters();
		$rows   = Network_Store::rows( $f['year'], $f );
		$all    = 'active' === $f['status'] && '' === $f['district'] . $f['org_type'] . $f['stars'] . $f['band'] ? $rows : Network_Store::rows( $f['year'] );
		$totals = Network_Store::totals( $rows );
		$cover  = Network_Store::coverage( count( $all ) );
		echo '<div class="wrap dangjian-network">';
		echo '<h1>' . esc_html__( 'Branches of the network', 'dangjian' ) . '</h1>';
		Network_Actions::notices();
		echo '<style>.dangjian-band{display:inline-block;min-width:4em;padding:1px 6px;border-radius:3px;color:#fff;text-align:center}.dangjian-band--green{background:#1e7e34}.dangjian-band--amber{background:#b26200}.dangjian-band--red{background:#b32d2e}.dangjian-band--none{background:#777}.dangjian-network .cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.dangjian-network .card{margin:0;min-width:150px}.dangjian-network .num{font-size:22px;font-weight:600}tr[data-stale="1"] td[data-col="data_changed_at"]{color:#b32d2e}#dangjian-network-table td[data-col="name"]{min-width:10em}#dangjian-network-table td[data-col="data_changed_at"]{white-space:nowrap}</style>';
		self::filter_form( $f );
		self::summary( $totals, $cover, $f );
		self::branch_table( $rows, $f );
		self::rankings( $rows );
		if ( current_user_can( 'manage_network_options' ) ) {
			Network_Actions::forms( $f['year'] );
		}
		echo '</div>';
		echo (string) ob_get_clean(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Escaped as it was built above.
		// The room's own share of the page's time, its output included (bench/network.sh reads it).
		echo '<!-- dangjian-network: ' . esc_html( sprintf( '%.1f', ( hrtime( true ) - $t0 ) / 1e6 ) ) . ' ms -->';
	}

	/**
	 * The filter form (GET) and the export links.
	 *
	 * @param array $f The filters.
	 */
	private static function filter_form( array $f ): void {
		$years = array_unique( array_merge( array( Network_Push::this_year() ), Network_Store::years() ) );
		rsort( $years );
		echo '<form method="get" class="dangjian-network-filters"><input type="hidden" name="page" value="' . esc_attr( self::SLUG ) . '">';
		echo '<label>' . esc_html__( 'Year', 'dangjian' ) . ' <select name="year">';
		foreach ( $years as $y ) {
			echo '<option value="' . esc_attr( (string) $y ) . '"' . selected( $y, $f['year'], false ) . '>' . esc_html( (string) $y ) . '</option>';
		}
		echo '</select></label> ';
		$selects = array(
			'district' => array( __( 'District', 'dangjian' ), array_combine( Network_Store::districts( $f['year'] ), Network_Store::districts( $f['year'] ) ) ?: array() ),
			'org_type' => array( __( 'Type', 'dangjian' ), Network_Store::types() ),
			'stars'    => array( __( 'Stars', 'dangjian' ), array( '5' => '★★★★★', '4' => '★★★★', '3' => '★★★', '2' => '★★', '1' => '★', '0' => '0', 'none' => __( 'Not rated', 'dangjian' ) ) ),
			'band'     => array( __( 'Meetings on schedule', 'dangjian' ), self::bands() ),
			'status'   => array( __( 'Sites', 'dangjian' ), array( 'active' => __( 'Active', 'dangjian' ), 'archived' => __( 'Archived or deactivated', 'dangjian' ), 'all' => __( 'All', 'dangjian' ) ) ),
		);
		foreach ( $selects as $name => list( $label, $options ) ) {
			echo '<label>' . esc_html( $label ) . ' <select name="' . esc_attr( $name ) . '">';
			if ( 'status' !== $name ) {
				echo '<option value="">' . esc_html__( 'All', 'dangjian' ) . '</option>';
			}
			foreach ( $options as $value => $text ) {
				echo '<option value="' . esc_attr( (string) $value ) . '"' . selected( (string) $value, $f[ $name ], false ) . '>' . esc_html( $text ) . '</option>';
			}
			echo '</select></label> ';
		}
		submit_button( __( 'Filter', 'dangjian' ), 'secondary', '', false );
		$export = array_merge( array_filter( $f, static fn( $v ) => '' !== $v ), array( '_wpnonce' => wp_create_nonce( 'dangjian_network_export' ) ) );
		echo ' <a class="button" id="dangjian-network-csv" href="' . esc_url( self::url( array_merge( $export, array( 'export' => 'csv' ) ) ) ) . '">' . esc_html__( 'Download CSV', 'dangjian' ) . '</a>';
		if ( Network_Report::available() ) {
			echo ' <a class="button" id="dangjian-network-docx" href="' . esc_url( self::url( array_merge( $export, array( 'export' => 'docx' ) ) ) ) . '">' . esc_html__( 'Download the network report (.docx)', 'dangjian' ) . '</a>';
		}
		echo '</form>';
	}

	/**
	 * The compliance bands, key => label.
	 *
	 * @return array<string,string>
	 */
	public static function bands(): array {
		return array(
			/* translators: %d: a percentage. */
			'green' => sprintf( __( 'Green (%d%% or more)', 'dangjian' ), (int) round( Network_Store::GREEN * 100 ) ),
			/* translators: %d: a percentage. */
			'amber' => sprintf( __( 'Amber (%d%% or more)', 'dangjian' ), (int) round( Network_Store::AMBER * 100 ) ),
			'red'   => __( 'Red (below that)', 'dangjian' ),
			'none'  => __( 'No meeting due yet', 'dangjian' ),
		);
	}

	/**
	 * The totals, coverage, star distribution and compliance bands.
	 *
	 * @param array $t     Network_Store::totals().
	 * @param array $cover Network_Store::coverage().
	 * @param array $f     The filters.
	 */
	private static function summary( array $t, array $cover, array $f ): void {
		$cards = array(
			'branches'        => array( __( 'Branches', 'dangjian' ), number_format_i18n( $t['branches'] ) ),
			'party_members'   => array( __( 'Party members', 'dangjian' ), number_format_i18n( $t['sum']['party_members'] ) ),
			'service_hours'   => array( __( 'Service hours', 'dangjian' ), number_format_i18n( $t['sum']['service_hours'], 1 ) ),
			'beneficiaries'   => array( __( 'People helped', 'dangjian' ), number_format_i18n( $t['sum']['beneficiaries'] ) ),
			'volunteer_hours' => array( __( 'Volunteer hours', 'dangjian' ), number_format_i18n( $t['sum']['volunteer_hours'], 1 ) ),
			'compliance'      => array( __( 'Meetings on schedule', 'dangjian' ), null === $t['compliance'] ? '—' : number_format_i18n( $t['compliance'] * 100, 1 ) . '%' ),
			'coverage'        => array( __( 'Coverage (党组织覆盖率)', 'dangjian' ), null === $cover['ratio'] ? '—' : number_format_i18n( $cover['ratio'] * 100, 1 ) . '%' ),
			'stale'           => array( __( 'Stale branches', 'dangjian' ), number_format_i18n( $t['stale'] ) ),
		);
		echo '<div class="cards" id="dangjian-network-totals">';
		foreach ( $cards as $key => list( $label, $value ) ) {
			echo '<div class="card" data-total="' . esc_attr( $key ) . '"><div>' . esc_html( $label ) . '</div><div class="num">' . esc_html( $value ) . '</div></div>';
		}
		echo '</div><p class="description">';
		/* translators: 1: organisations covered, 2: all organisations, 3: days. */
		echo esc_html( sprintf( __( '%1$d of %2$d organisations have a Party organisation (their own branch or a joint one). A branch is stale when its data has not changed for %3$d days.', 'dangjian' ), $cover['covered'], $cover['organisations'], Network_Store::settings()['stale_days'] ) );
		if ( $t['outdated'] ) {
			/* translators: %d: a number of branches. */
			echo ' ' . esc_html( sprintf( __( '%d rows are being recomputed after a change.', 'dangjian' ), $t['outdated'] ) );
		}
		echo '</p><table class="widefat striped" style="max-width:760px" id="dangjian-network-distribution"><thead><tr><th>' . esc_html__( 'Stars', 'dangjian' ) . '</th>';
		foreach ( array_keys( $t['stars'] ) as $s ) {
			echo '<th>' . esc_html( 'none' === $s ? __( 'Not rated', 'dangjian' ) : str_repeat( '★', (int) $s ) . ( '0' === (string) $s ? '0' : '' ) ) . '</th>';
		}
		echo '</tr></thead><tbody><tr><td>' . esc_html__( 'Branches', 'dangjian' ) . '</td>';
		foreach ( $t['stars'] as $s => $n ) {
			echo '<td data-stars="' . esc_attr( (string) $s ) . '"><a href="' . esc_url( self::url( array( 'year' => $f['year'], 'stars' => (string) $s ) ) ) . '">' . esc_html( number_format_i18n( $n ) ) . '</a></td>';
		}
		echo '</tr></tbody></table><p>';
		foreach ( self::bands() as $band => $label ) {
			echo '<a href="' . esc_url( self::url( array( 'year' => $f['year'], 'band' => $band ) ) ) . '" data-band-total="' . esc_attr( $band ) . '"><span class="dangjian-band dangjian-band--' . esc_attr( $band ) . '">' . esc_html( number_format_i18n( $t['bands'][ $band ] ) ) . '</span> ' . esc_html( $label ) . '</a> &nbsp; ';
		}
		echo '</p>';
	}

	/**
	 * The branches' table.
	 *
	 * @param array[] $rows From Network_Store::rows().
	 * @param array   $f    The filters.
	 */
	private static function branch_table( array $rows, array $f ): void {
		echo '<table class="widefat striped" id="dangjian-network-table"><thead><tr>';
		foreach ( self::columns() as $col => list( $label ) ) {
			$order = $f['orderby'] === $col && 'asc' === $f['order'] ? 'desc' : 'asc';
			$arrow = $f['orderby'] === $col ? ( 'asc' === $f['order'] ? ' ▲' : ' ▼' ) : '';
			echo '<th scope="col" data-col="' . esc_attr( $col ) . '"><a href="' . esc_url( self::url( array_merge( array_filter( $f, static fn( $v ) => '' !== $v ), array( 'orderby' => $col, 'order' => $order ) ) ) ) . '">' . esc_html( $label . $arrow ) . '</a></th>';
		}
		echo '</tr></thead><tbody>';
		if ( ! $rows ) {
			echo '<tr><td colspan="' . count( self::columns() ) . '">' . esc_html__( 'No branch has figures for this year yet.', 'dangjian' ) . '</td></tr>';
		}
		$ctx   = self::cell_context();
		$kinds = array_map( static fn( $c ) => $c[1], self::columns() ); // Once: columns() translates its labels.
		foreach ( $rows as $row ) {
			$html = '<tr data-site="' . (int) $row['site_id'] . '" data-stale="' . ( $row['stale'] ? '1' : '0' ) . '" data-outdated="' . (int) $row['outdated'] . '">';
			foreach ( $kinds as $col => $kind ) {
				$html .= '<td data-col="' . $col . '">' . self::cell( $row, $col, $kind, $ctx ) . '</td>';
			}
			echo $html . '</tr>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Built from escaped parts (cell()) and integers; column keys are constants.
		}
		echo '</tbody></table>';
	}

	/**
	 * What every cell needs, worked out once per screen (a thousand rows must not each call
	 * number_format_i18n(), get_date_from_gmt() or esc_url() on the same things).
	 *
	 * @return array
	 */
	private static function cell_context(): array {
		global $wp_locale;
		$types = array();
		foreach ( Network_Store::types() as $k => $label ) {
			$types[ $k ] = esc_html( $label );
		}
		return array(
			'types'    => $types,
			'thousand' => isset( $wp_locale ) ? $wp_locale->number_format['thousands_sep'] : ',',
			'decimal'  => isset( $wp_locale ) ? $wp_locale->number_format['decimal_point'] : '.',
			'offset'   => wp_timezone()->getOffset( new \DateTimeImmutable( 'now', new \DateTimeZone( 'UTC' ) ) ),
			'never'    => esc_html__( 'never', 'dangjian' ),
			'archived' => ' <em>(' . esc_html__( 'archived', 'dangjian' ) . ')</em>',
			'hosts'    => array(),
		);
	}

	/**
	 * One cell, escaped. Numbers are cast to int or float and formatted here (nothing to escape in
	 * them); text goes through esc_html(); the link's scheme and host through esc_url().
	 *
	 * @param array  $row  The row.
	 * @param string $col  The column.
	 * @param string $kind Its kind.
	 * @param array  $ctx  From self::cell_context() (the esc_url()'d hosts are kept in it).
	 */
	private static function cell( array $row, string $col, string $kind, array &$ctx ): string {
		$v = $row[ $col ];
		if ( null === $v && 'text' !== $kind ) {
			return 'time' === $kind ? $ctx['never'] : ( 'band' === $kind ? '<span class="dangjian-band dangjian-band--none">—</span>' : '—' );
		}
		switch ( $kind ) {
			case 'text':
				if ( 'name' === $col ) {
					if ( ! isset( $ctx['hosts'][ $row['domain'] ] ) ) {
						$ctx['hosts'][ $row['domain'] ] = esc_url( set_url_scheme( 'http://' . $row['domain'], 'admin' ) );
					}
					$href = $ctx['hosts'][ $row['domain'] ] . esc_attr( $row['path'] ) . 'wp-admin/admin.php?page=' . Admin::SLUG;
					return '<a href="' . $href . '">' . esc_html( '' !== $v ? $v : $row['path'] ) . '</a>' . ( (int) $row['archived'] || (int) $row['deleted'] || (int) $row['spam'] ? $ctx['archived'] : '' );
				}
				return 'org_type' === $col ? ( $ctx['types'][ $v ] ?? '' ) : esc_html( $v );
			case 'band':
				return '<span class="dangjian-band dangjian-band--' . $row['band'] . '" data-value="' . (float) $v . '">' . number_format( (float) $v * 100, 0, $ctx['decimal'], $ctx['thousand'] ) . '%</span>';
			case 'stars':
				return (int) $v ? str_repeat( '★', (int) $v ) : '0';
			case 'time':
				return gmdate( 'Y-m-d', (int) strtotime( $v . ' UTC' ) + $ctx['offset'] );
			case 'ratio':
				return number_format( (float) $v * 100, 1, $ctx['decimal'], $ctx['thousand'] ) . '%';
			case 'amount':
				return number_format( (float) $v, 1, $ctx['decimal'], $ctx['thousand'] );
			default:
				return number_format( (int) $v, 0, $ctx['decimal'], $ctx['thousand'] );
		}
	}

	/**
	 * The rankings: the first ten branches by party members, service hours, people helped and
	 * meetings on schedule.
	 *
	 * @param array[] $rows From Network_Store::rows().
	 */
	private static function rankings( array $rows ): void {
		$lists = array(
			'party_members' => __( 'Most party members', 'dangjian' ),
			'service_hours' => __( 'Most service hours', 'dangjian' ),
			'beneficiaries' => __( 'Most people helped', 'dangjian' ),
			'compliance'    => __( 'Meetings most on schedule', 'dangjian' ),
		);
		echo '<h2>' . esc_html__( 'Rankings', 'dangjian' ) . '</h2><div class="cards" id="dangjian-network-rankings">';
		foreach ( $lists as $col => $title ) {
			echo '<div class="card" data-ranking="' . esc_attr( $col ) . '"><h3>' . esc_html( $title ) . '</h3><ol>';
			foreach ( Network_Store::ranking( $rows, $col, 10 ) as $r ) {
				$value = 'compliance' === $col ? number_format_i18n( (float) $r['value'] * 100, 1 ) . '%' : number_format_i18n( (float) $r['value'] );
				echo '<li data-site="' . esc_attr( (string) $r['site_id'] ) . '">' . esc_html( $r['name'] . ' — ' . $value ) . '</li>';
			}
			echo '</ol></div>';
		}
		echo '</div>';
	}
}
