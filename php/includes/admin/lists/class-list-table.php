<?php
/**
 * The admin list of records: what every list shares (WP_List_Table is loaded first by Admin_Pages).
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * What the lists share: the query through Records::query(), sorting, pagination, the search box,
 * the period filter, row actions and bulk delete (for manage_dangjian only).
 */
abstract class List_Table extends \WP_List_Table {

	/** @var string The entity (Records::ENTITIES). */
	protected $entity;

	/** @var bool Whether the user may edit. */
	protected $can_edit;

	/**
	 * Sets the table up.
	 *
	 * @param string $entity The entity.
	 */
	public function __construct( string $entity ) {
		$this->entity   = $entity;
		$this->can_edit = current_user_can( Capabilities::MANAGE );
		parent::__construct(
			array(
				'plural'   => 'dangjian-' . $entity,
				'singular' => 'dangjian-' . $entity . '-row',
				'ajax'     => false,
			)
		);
	}

	/**
	 * The filters of the list from the query string (read-only GET; nothing is written).
	 *
	 * @return array Records::query() arguments.
	 */
	public function filters(): array {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- Read-only list filters.
		$get  = static fn( string $key ): string => isset( $_GET[ $key ] ) && is_string( $_GET[ $key ] ) ? sanitize_text_field( wp_unslash( $_GET[ $key ] ) ) : '';
		$args = array(
			'search'   => $get( 's' ),
			'orderby'  => sanitize_key( $get( 'orderby' ) ),
			'order'    => sanitize_key( $get( 'order' ) ),
			'stage'    => sanitize_key( $get( 'stage' ) ),
			'category' => sanitize_key( $get( 'category' ) ),
			'kind'     => sanitize_key( $get( 'kind' ) ),
			'level'    => sanitize_key( $get( 'level' ) ),
			'project'  => $get( 'project' ),
		);
		// phpcs:enable
		$period = self::period_filter();
		if ( $period ) {
			$args['from'] = $period['from'];
			$args['to']   = $period['to'];
		}
		return $args;
	}

	/**
	 * The period filter: period=this_year|last_year|YYYY|custom (with from / to), or none.
	 *
	 * @return array{from:string,to:string}|null
	 */
	public static function period_filter(): ?array {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- Read-only list filters.
		$period = isset( $_GET['period'] ) && is_string( $_GET['period'] ) ? sanitize_key( wp_unslash( $_GET['period'] ) ) : '';
		// Dates typed without choosing 自定义期间 count as a custom period (as on the dashboard).
		if ( '' === $period && ( ! empty( $_GET['from'] ) || ! empty( $_GET['to'] ) ) ) {
			$period = 'custom';
		}
		if ( '' === $period ) {
			return null;
		}
		if ( 'custom' === $period ) {
			$from = isset( $_GET['from'] ) && is_string( $_GET['from'] ) ? sanitize_text_field( wp_unslash( $_GET['from'] ) ) : '';
			$to   = isset( $_GET['to'] ) && is_string( $_GET['to'] ) ? sanitize_text_field( wp_unslash( $_GET['to'] ) ) : '';
			return array(
				'from' => Engine_Limits::is_date( $from ) ? $from : Engine_Limits::DATE_MIN,
				'to'   => Engine_Limits::is_date( $to ) ? $to : Engine_Limits::DATE_MAX,
			);
		}
		// phpcs:enable
		$resolved = Period::resolve( array( 'period' => $period ) );
		return is_wp_error( $resolved ) ? null : array(
			'from' => $resolved['from'],
			'to'   => $resolved['to'],
		);
	}

	/**
	 * Loads the page of rows.
	 */
	public function prepare_items() {
		$per_page = Records::PER_PAGE;
		$args     = $this->filters();

		$args['page']     = $this->get_pagenum();
		$args['per_page'] = $per_page;
		$result           = Records::query( $this->entity, $args );
		$this->items      = $result['items'];
		$this->set_pagination_args(
			array(
				'total_items' => $result['total'],
				'per_page'    => $per_page,
				'total_pages' => (int) ceil( $result['total'] / $per_page ),
			)
		);
		$this->_column_headers = array( $this->get_columns(), array(), $this->get_sortable_columns(), $this->get_primary_column_name() );
	}

	/**
	 * The checkbox column only for those who may delete.
	 *
	 * @return array<string,string>
	 */
	protected function with_cb( array $columns ): array {
		return $this->can_edit ? array( 'cb' => '<input type="checkbox" />' ) + $columns : $columns;
	}

	/**
	 * Sortable columns: each maps to itself.
	 *
	 * @return array
	 */
	protected function get_sortable_columns() {
		$sortable = array();
		list( , $allowed ) = Records::sortable( $this->entity );
		foreach ( array_keys( $this->get_columns() ) as $column ) {
			if ( in_array( $column, $allowed, true ) ) {
				$sortable[ $column ] = array( $column, false );
			}
		}
		return $sortable;
	}

	/**
	 * Bulk actions: delete, for managers.
	 *
	 * @return array
	 */
	protected function get_bulk_actions() {
		return $this->can_edit ? array( 'delete' => __( 'Delete', 'dangjian' ) ) : array();
	}

	/**
	 * The checkbox of a row.
	 *
	 * @param array $item The row.
	 */
	protected function column_cb( $item ) {
		return '<input type="checkbox" name="ids[]" value="' . esc_attr( (string) $item['id'] ) . '" />';
	}

	/**
	 * A plain column: the value, escaped; a select's label; a date as given.
	 *
	 * @param array  $item        The row.
	 * @param string $column_name The column.
	 */
	protected function column_default( $item, $column_name ) {
		$fields = Fields::form( $this->entity );
		$value  = (string) ( $item[ $column_name ] ?? '' );
		if ( isset( $fields[ $column_name ] ) ) {
			$spec = $fields[ $column_name ];
			if ( 'select' === $spec['type'] ) {
				return esc_html( $spec['options'][ $value ] ?? $value );
			}
			if ( 'bool' === $spec['type'] ) {
				return '1' === $value ? esc_html__( 'Yes', 'dangjian' ) : '—';
			}
			if ( 'amount' === $spec['type'] ) {
				return esc_html( Admin::amount( (float) $value ) );
			}
		}
		return '' === $value ? '—' : esc_html( $value );
	}

	/**
	 * The first column: the title with Edit and Delete links.
	 *
	 * @param array  $item  The row.
	 * @param string $label The text.
	 */
	protected function primary( array $item, string $label ): string {
		$label = '' === trim( $label ) ? __( '(untitled)', 'dangjian' ) : $label;
		if ( ! $this->can_edit ) {
			return '<strong>' . esc_html( $label ) . '</strong>';
		}
		$id      = (int) $item['id'];
		$edit    = Admin_Pages::url(
			$this->entity,
			array(
				'action' => 'edit',
				'id'     => $id,
			)
		);
		$delete  = wp_nonce_url(
			Admin_Pages::url(
				$this->entity,
				array(
					'action' => 'delete',
					'id'     => $id,
				)
			),
			'dangjian-delete-' . $this->entity . '-' . $id
		);
		$actions = array(
			'edit'   => '<a href="' . esc_url( $edit ) . '">' . esc_html__( 'Edit', 'dangjian' ) . '</a>',
			'delete' => '<a class="submitdelete" href="' . esc_url( $delete ) . '" onclick="return confirm(' . esc_attr( wp_json_encode( __( 'Delete this record?', 'dangjian' ) ) ) . ');">' . esc_html__( 'Delete', 'dangjian' ) . '</a>',
		);
		return '<strong><a class="row-title" href="' . esc_url( $edit ) . '">' . esc_html( $label ) . '</a></strong>' . $this->row_actions( $actions );
	}

	/**
	 * Shown when the list is empty.
	 */
	public function no_items() {
		esc_html_e( 'No records found.', 'dangjian' );
	}

	/**
	 * Filters above the table, with their own Filter button.
	 *
	 * @param string $which "top" or "bottom".
	 */
	protected function extra_tablenav( $which ) {
		if ( 'top' !== $which ) {
			return;
		}
		$controls = $this->filter_controls();
		if ( '' === $controls ) {
			return;
		}
		echo '<div class="alignleft actions dangjian-filters">' . $controls; // phpcs:ignore WordPress.Security.EscapeOutput -- Built from escaped parts.
		submit_button( __( 'Filter', 'dangjian' ), '', 'filter_action', false );
		echo '</div>';
	}

	/**
	 * The filter controls of this list (escaped HTML).
	 */
	protected function filter_controls(): string {
		return '';
	}

	/**
	 * A select of the query string's $name.
	 *
	 * @param string $name    The parameter.
	 * @param string $label   The screen-reader label.
	 * @param array  $options value => label; the first is "all".
	 */
	protected static function select( string $name, string $label, array $options ): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Read-only list filter.
		$current = isset( $_GET[ $name ] ) && is_string( $_GET[ $name ] ) ? sanitize_text_field( wp_unslash( $_GET[ $name ] ) ) : '';
		$current = 'project' === $name ? $current : sanitize_key( $current ); // A campaign is a name, not a slug.
		$html    = '<label class="screen-reader-text" for="dangjian-filter-' . esc_attr( $name ) . '">' . esc_html( $label ) . '</label>';
		$html   .= '<select name="' . esc_attr( $name ) . '" id="dangjian-filter-' . esc_attr( $name ) . '">';
		foreach ( $options as $value => $text ) {
			$html .= '<option value="' . esc_attr( (string) $value ) . '"' . selected( (string) $value, $current, false ) . '>' . esc_html( $text ) . '</option>';
		}
		return $html . '</select>';
	}

	/**
	 * The period filter's controls: a select and, for a custom range, two dates.
	 */
	protected static function period_controls(): string {
		$year    = (int) substr( Period::today(), 0, 4 );
		$options = array(
			''          => __( 'All dates', 'dangjian' ),
			'this_year' => __( 'This year', 'dangjian' ),
			'last_year' => __( 'Last year', 'dangjian' ),
		);
		for ( $y = $year - 2; $y >= $year - 5; $y-- ) {
			$options[ (string) $y ] = (string) $y;
		}
		$options['custom'] = __( 'Custom range', 'dangjian' );
		$html              = self::select( 'period', __( 'Period', 'dangjian' ), $options );
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- Read-only list filter.
		$from = isset( $_GET['from'] ) && is_string( $_GET['from'] ) ? sanitize_text_field( wp_unslash( $_GET['from'] ) ) : '';
		$to   = isset( $_GET['to'] ) && is_string( $_GET['to'] ) ? sanitize_text_field( wp_unslash( $_GET['to'] ) ) : '';
		// phpcs:enable
		$html .= ' <label for="dangjian-filter-from">' . esc_html__( 'From', 'dangjian' ) . '</label> <input type="date" id="dangjian-filter-from" name="from" value="' . esc_attr( $from ) . '" />';
		$html .= ' <label for="dangjian-filter-to">' . esc_html__( 'To', 'dangjian' ) . '</label> <input type="date" id="dangjian-filter-to" name="to" value="' . esc_attr( $to ) . '" /> ';
		return $html;
	}
}
