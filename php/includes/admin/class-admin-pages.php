<?php
/**
 * The record screens under 党建统计 (People, Activities, Media coverage, Honours, Headcount, Facility
 * investment, Staff benefits, Development plans) and the settings screen: lists, add/edit forms,
 * deletes.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Every write follows one order: capability (manage_dangjian), nonce, wp_unslash, sanitize,
 * validate (Validator::validate(), which ends with the engine's own rules), then the write through
 * $wpdb->insert / update / prepared queries, and the data version bumped. A rejected form is shown
 * again on the same request with the reason beside each field and every value as typed; a saved one
 * redirects (post/redirect/get) to the list with a notice.
 *
 * Writes are handled on the screen's load-{hook} action, before any output, so a redirect can follow.
 */
final class Admin_Pages {

	/** Screen slugs by entity. */
	const SLUGS = array(
		'people'      => 'dangjian-people',
		'activities'  => 'dangjian-activities',
		'media'       => 'dangjian-media',
		'honours'     => 'dangjian-honours',
		'headcount'   => 'dangjian-headcount',
		'investments' => 'dangjian-investments',
		'benefits'    => 'dangjian-benefits',
		'plans'       => 'dangjian-plans',
	);

	const SETTINGS_SLUG = 'dangjian-settings';

	/** @var array<string,string> Problems of a rejected form, field => message. */
	private static $errors = array();

	/** @var array|null The values of a rejected form, as typed (sanitized). */
	private static $values = null;

	/** @var string The date of the activity the form shows (the participants' stages are of that day). */
	private static $form_date = '';

	/**
	 * Adds the hooks.
	 */
	public static function init(): void {
		add_action( 'admin_menu', array( self::class, 'menu' ), 11 );
		add_action( 'admin_menu', array( self::class, 'settings_menu' ), 99 );
	}

	/**
	 * The screens' titles: entity => [menu, add, edit].
	 *
	 * @return array<string,string[]>
	 */
	public static function titles(): array {
		return array(
			'people'     => array( __( 'People', 'dangjian' ), __( 'Add a person', 'dangjian' ), __( 'Edit a person', 'dangjian' ) ),
			'activities' => array( __( 'Activities', 'dangjian' ), __( 'Add an activity', 'dangjian' ), __( 'Edit an activity', 'dangjian' ) ),
			'media'      => array( __( 'Media coverage', 'dangjian' ), __( 'Add a report', 'dangjian' ), __( 'Edit a report', 'dangjian' ) ),
			'honours'    => array( __( 'Honours', 'dangjian' ), __( 'Add an honour', 'dangjian' ), __( 'Edit an honour', 'dangjian' ) ),
			'headcount'  => array( __( 'Headcount', 'dangjian' ), __( 'Add a headcount', 'dangjian' ), __( 'Edit a headcount', 'dangjian' ) ),
			'investments' => array( __( 'Facility investment', 'dangjian' ), __( 'Add an investment', 'dangjian' ), __( 'Edit an investment', 'dangjian' ) ),
			'benefits'    => array( __( 'Staff benefits', 'dangjian' ), __( 'Add a benefit', 'dangjian' ), __( 'Edit a benefit', 'dangjian' ) ),
			'plans'       => array( __( 'Development plans', 'dangjian' ), __( 'Add a plan', 'dangjian' ), __( 'Edit a plan', 'dangjian' ) ),
		);
	}

	/**
	 * Registers the record screens (read with view_dangjian; the writes check manage_dangjian).
	 */
	public static function menu(): void {
		foreach ( self::titles() as $entity => $titles ) {
			$hook = add_submenu_page(
				Admin::SLUG,
				$titles[0],
				$titles[0],
				Capabilities::VIEW,
				self::SLUGS[ $entity ],
				static function () use ( $entity ) {
					self::render( $entity );
				}
			);
			if ( $hook ) {
				add_action(
					'load-' . $hook,
					static function () use ( $entity ) {
						self::load( $entity );
					}
				);
			}
		}
	}

	/**
	 * Registers the settings screen (manage_dangjian).
	 */
	public static function settings_menu(): void {
		$hook = add_submenu_page(
			Admin::SLUG,
			__( 'Settings', 'dangjian' ),
			__( 'Settings', 'dangjian' ),
			Capabilities::MANAGE,
			self::SETTINGS_SLUG,
			array( self::class, 'render_settings' )
		);
		if ( $hook ) {
			add_action( 'load-' . $hook, array( self::class, 'load_settings' ) );
		}
	}

	/**
	 * A screen's address.
	 *
	 * @param string $entity The entity.
	 * @param array  $args   More query arguments.
	 */
	public static function url( string $entity, array $args = array() ): string {
		return add_query_arg( array_merge( array( 'page' => self::SLUGS[ $entity ] ), $args ), admin_url( 'admin.php' ) );
	}

	/**
	 * Refuses a write to someone without manage_dangjian (403).
	 */
	private static function require_manage(): void {
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die(
				esc_html__( 'Sorry, you are not allowed to change the Party building records.', 'dangjian' ),
				esc_html__( 'Not allowed', 'dangjian' ),
				array( 'response' => 403 )
			);
		}
	}

	/**
	 * The load-{hook} action of a record screen: handles a save, a delete or a bulk delete.
	 *
	 * @param string $entity The entity.
	 */
	public static function load( string $entity ): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : 'GET';
		// phpcs:disable WordPress.Security.NonceVerification -- Each handler below checks its nonce after the capability.
		if ( 'POST' === $method && isset( $_POST['dangjian_save'] ) ) {
			self::handle_save( $entity );
			return;
		}
		$action = isset( $_REQUEST['action'] ) && is_string( $_REQUEST['action'] ) ? sanitize_key( wp_unslash( $_REQUEST['action'] ) ) : '';
		if ( '' === $action || '-1' === $action ) {
			$action = isset( $_REQUEST['action2'] ) && is_string( $_REQUEST['action2'] ) ? sanitize_key( wp_unslash( $_REQUEST['action2'] ) ) : '';
		}
		if ( 'delete' === $action && isset( $_REQUEST['ids'] ) ) {
			self::handle_bulk_delete( $entity );
		} elseif ( 'delete' === $action && isset( $_REQUEST['id'] ) ) {
			self::handle_delete( $entity );
		} elseif ( 'GET' === $method && isset( $_GET['_wp_http_referer'] ) ) {
			// The list's form posts its nonce along with a search or a filter: drop them from the address.
			wp_safe_redirect( remove_query_arg( array( '_wp_http_referer', '_wpnonce', 'action', 'action2', 'filter_action', 'ids' ), wp_unslash( $_SERVER['REQUEST_URI'] ?? '' ) ) ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- remove_query_arg() and wp_safe_redirect() handle the address.
			exit;
		}
		// phpcs:enable
	}

	/**
	 * Saves a posted form, or keeps its values and problems for the form to show again.
	 *
	 * @param string $entity The entity.
	 */
	private static function handle_save( string $entity ): void {
		self::require_manage();
		check_admin_referer( 'dangjian-save-' . $entity );
		$id    = isset( $_POST['id'] ) ? absint( wp_unslash( $_POST['id'] ) ) : 0;
		$input = isset( $_POST['dangjian'] ) && is_array( $_POST['dangjian'] ) ? wp_unslash( $_POST['dangjian'] ) : array(); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Validator::sanitize() cleans each field.
		$input['_form'] = '1';
		if ( 'activities' === $entity ) {
			$input['participants'] = self::posted_participants();
		}
		$base = array();
		if ( $id > 0 ) {
			$base = Records::get( $entity, $id );
			if ( null === $base ) {
				wp_die( esc_html__( 'No such record.', 'dangjian' ), '', array( 'response' => 404 ) );
			}
		}
		$values = Validator::sanitize( $entity, $input, $base );
		$result = Records::save( $entity, $values, $id );
		if ( is_wp_error( $result ) ) {
			$data         = $result->get_error_data();
			self::$errors = is_array( $data ) && isset( $data['errors'] ) ? $data['errors'] : array( '' => $result->get_error_message() );
			self::$values = $values;
			status_header( 'dangjian_invalid' === $result->get_error_code() ? 422 : 500 );
			return;
		}
		$notice = $id > 0 ? 'updated' : 'added';
		if ( 'people' === $entity && Validator::warnings( $values ) ) {
			// Saved, but some dates look wrong: back to the form, which shows the warnings.
			wp_safe_redirect( self::url( $entity, array( 'action' => 'edit', 'id' => $result, 'dj_notice' => $notice ) ) );
			exit;
		}
		wp_safe_redirect( self::url( $entity, array( 'dj_notice' => $notice ) ) );
		exit;
	}

	/**
	 * The participants of a posted activity form: participants[] (ticked people) with
	 * participant_hours[person id] (optional).
	 *
	 * @return array
	 */
	private static function posted_participants(): array {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- Called after check_admin_referer().
		$ids   = isset( $_POST['participants'] ) && is_array( $_POST['participants'] ) ? array_map( 'sanitize_text_field', wp_unslash( $_POST['participants'] ) ) : array();
		$hours = isset( $_POST['participant_hours'] ) && is_array( $_POST['participant_hours'] ) ? array_map( 'sanitize_text_field', wp_unslash( $_POST['participant_hours'] ) ) : array();
		// phpcs:enable
		$list = array();
		foreach ( $ids as $pid ) {
			$h      = isset( $hours[ $pid ] ) ? trim( (string) $hours[ $pid ] ) : '';
			$list[] = array(
				'id'    => (string) $pid,
				'hours' => '' === $h ? null : $h,
			);
		}
		return $list;
	}

	/**
	 * Deletes one record (a row action link carrying its own nonce).
	 *
	 * @param string $entity The entity.
	 */
	private static function handle_delete( string $entity ): void {
		self::require_manage();
		$id = isset( $_REQUEST['id'] ) ? absint( wp_unslash( $_REQUEST['id'] ) ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- The nonce names the id; checked next.
		check_admin_referer( 'dangjian-delete-' . $entity . '-' . $id );
		$n = Records::delete( $entity, array( $id ) );
		self::redirect_deleted( $entity, $n );
	}

	/**
	 * Back to the list after a delete, with the notice of how many records went.
	 *
	 * @param string $entity The entity.
	 * @param int    $n      Records deleted.
	 */
	private static function redirect_deleted( string $entity, int $n ): void {
		wp_safe_redirect(
			self::url(
				$entity,
				array(
					'dj_notice' => 'deleted',
					'dj_count'  => $n,
				)
			)
		);
		exit;
	}

	/**
	 * Deletes the ticked records of a list (the list table's bulk-{plural} nonce).
	 *
	 * @param string $entity The entity.
	 */
	private static function handle_bulk_delete( string $entity ): void {
		self::require_manage();
		check_admin_referer( 'bulk-dangjian-' . $entity );
		$ids = isset( $_REQUEST['ids'] ) && is_array( $_REQUEST['ids'] ) ? array_map( 'absint', wp_unslash( $_REQUEST['ids'] ) ) : array();
		$n   = Records::delete( $entity, $ids );
		self::redirect_deleted( $entity, $n );
	}

	/**
	 * A record screen: the list, or the add / edit form.
	 *
	 * @param string $entity The entity.
	 */
	public static function render( string $entity ): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- Which screen to show; nothing is written.
		$action = isset( $_GET['action'] ) && is_string( $_GET['action'] ) ? sanitize_key( wp_unslash( $_GET['action'] ) ) : '';
		$id     = isset( $_REQUEST['id'] ) ? absint( wp_unslash( $_REQUEST['id'] ) ) : 0;
		// phpcs:enable
		if ( null !== self::$values || ( current_user_can( Capabilities::MANAGE ) && in_array( $action, array( 'new', 'edit' ), true ) ) ) {
			self::render_form( $entity, null !== self::$values ? $id : ( 'edit' === $action ? $id : 0 ) );
			return;
		}
		self::render_list( $entity );
	}

	/**
	 * The notice after a redirect (fixed texts chosen by a code; nothing from the URL is printed).
	 */
	private static function notice(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- A display-only code.
		$code  = isset( $_GET['dj_notice'] ) && is_string( $_GET['dj_notice'] ) ? sanitize_key( wp_unslash( $_GET['dj_notice'] ) ) : '';
		$count = isset( $_GET['dj_count'] ) ? absint( wp_unslash( $_GET['dj_count'] ) ) : 0;
		// phpcs:enable
		$texts = array(
			'added'   => __( 'Record added.', 'dangjian' ),
			'updated' => __( 'Record updated.', 'dangjian' ),
			/* translators: %s: a number of records. */
			'deleted' => sprintf( _n( '%s record deleted.', '%s records deleted.', $count, 'dangjian' ), number_format_i18n( $count ) ),
			'saved'   => __( 'Settings saved.', 'dangjian' ),
		);
		if ( isset( $texts[ $code ] ) ) {
			echo '<div class="notice notice-success is-dismissible dangjian-notice" data-notice="' . esc_attr( $code ) . '"><p>' . esc_html( $texts[ $code ] ) . '</p></div>';
		}
	}

	/**
	 * The list of an entity.
	 *
	 * @param string $entity The entity.
	 */
	private static function render_list( string $entity ): void {
		if ( ! class_exists( '\\WP_List_Table', false ) ) {
			require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
		}
		// Loaded here, not by dangjian.php: WP_List_Table exists on the admin screens only.
		require_once __DIR__ . '/lists/class-list-table.php';
		require_once __DIR__ . '/lists/class-people-list-table.php';
		require_once __DIR__ . '/lists/class-activities-list-table.php';
		require_once __DIR__ . '/lists/class-media-list-table.php';
		require_once __DIR__ . '/lists/class-honours-list-table.php';
		require_once __DIR__ . '/lists/class-headcount-list-table.php';
		require_once __DIR__ . '/lists/class-simple-list-table.php';
		$classes = array(
			'people'      => People_List_Table::class,
			'activities'  => Activities_List_Table::class,
			'media'       => Media_List_Table::class,
			'honours'     => Honours_List_Table::class,
			'headcount'   => Headcount_List_Table::class,
		);
		$table   = isset( $classes[ $entity ] ) ? new $classes[ $entity ]() : new Simple_List_Table( $entity );
		$table->prepare_items();
		$titles = self::titles()[ $entity ];

		echo '<div class="wrap dangjian-list" id="dangjian-' . esc_attr( $entity ) . '">';
		echo '<h1 class="wp-heading-inline">' . esc_html( $titles[0] ) . '</h1> ';
		if ( current_user_can( Capabilities::MANAGE ) ) {
			echo '<a class="page-title-action" href="' . esc_url( self::url( $entity, array( 'action' => 'new' ) ) ) . '">' . esc_html( $titles[1] ) . '</a>';
		}
		echo '<hr class="wp-header-end" />';
		self::notice();
		echo '<form method="get">';
		echo '<input type="hidden" name="page" value="' . esc_attr( self::SLUGS[ $entity ] ) . '" />';
		$table->search_box( __( 'Search', 'dangjian' ), 'dangjian-search' );
		$table->display();
		echo '</form></div>';
	}

	/**
	 * The add / edit form.
	 *
	 * @param string $entity The entity.
	 * @param int    $id     The record (0 for a new one).
	 */
	private static function render_form( string $entity, int $id ): void {
		$titles = self::titles()[ $entity ];
		if ( null !== self::$values ) {
			$values = self::$values;
		} elseif ( $id > 0 ) {
			$values = Records::get( $entity, $id );
			if ( null === $values ) {
				echo '<div class="wrap"><div class="notice notice-error"><p>' . esc_html__( 'No such record.', 'dangjian' ) . '</p></div></div>';
				return;
			}
		} else {
			$values = Records::blank( $entity );
		}
		self::$form_date = (string) ( $values['activity_date'] ?? '' );
		$errors   = self::$errors;
		$warnings = 'people' === $entity && ! $errors && $id > 0 ? Validator::warnings( $values ) : array();

		echo '<div class="wrap dangjian-form" id="dangjian-' . esc_attr( $entity ) . '-form">';
		echo '<h1>' . esc_html( $id > 0 ? $titles[2] : $titles[1] ) . '</h1>';
		self::notice();
		if ( $warnings ) {
			echo '<div class="notice notice-warning dangjian-form-warnings" id="dangjian-warnings"><p>' . esc_html__( 'Saved, but some dates look implausible: check them.', 'dangjian' ) . '</p><ul class="ul-disc">';
			foreach ( $warnings as $field => $message ) {
				echo '<li data-warning="' . esc_attr( $field ) . '"><a href="#dangjian-' . esc_attr( $field ) . '">' . esc_html( Fields::form( 'people' )[ $field ]['label'] ?? $field ) . '</a>' . esc_html_x( ': ', 'between a field and its warning', 'dangjian' ) . esc_html( $message ) . '</li>';
			}
			echo '</ul></div>';
		}
		if ( $errors ) {
			echo '<div class="notice notice-error dangjian-form-error"><p>' . esc_html__( 'The record was not saved: some values need correcting.', 'dangjian' ) . '</p>';
			if ( isset( $errors[''] ) ) {
				echo '<p>' . esc_html( $errors[''] ) . '</p>';
			}
			echo '</div>';
		}
		$action = self::url( $entity, $id > 0 ? array( 'action' => 'edit', 'id' => $id ) : array( 'action' => 'new' ) );
		echo '<form method="post" action="' . esc_url( $action ) . '" novalidate="novalidate">';
		wp_nonce_field( 'dangjian-save-' . $entity );
		echo '<input type="hidden" name="dangjian_save" value="1" />';
		echo '<input type="hidden" name="id" value="' . esc_attr( (string) $id ) . '" />';
		echo '<table class="form-table" role="presentation"><tbody>';
		foreach ( Fields::form( $entity ) as $name => $spec ) {
			self::render_field( $name, $spec, $values[ $name ] ?? '', $errors[ $name ] ?? '', $warnings[ $name ] ?? '' );
		}
		echo '</tbody></table>';
		submit_button( $id > 0 ? __( 'Save changes', 'dangjian' ) : $titles[1] );
		echo ' <a href="' . esc_url( self::url( $entity ) ) . '">' . esc_html__( 'Back to the list', 'dangjian' ) . '</a>';
		echo '</form></div>';
	}

	/**
	 * One row of a form: label, control, help, and the problem beside it.
	 *
	 * @param string $name  The field.
	 * @param array  $spec  Its spec (Fields::form()).
	 * @param mixed  $value Its value.
	 * @param string $error   Its problem, or ''.
	 * @param string $warning Its plausibility warning (saved all the same), or ''.
	 */
	private static function render_field( string $name, array $spec, $value, string $error, string $warning = '' ): void {
		$id       = 'dangjian-' . $name;
		$field    = 'dangjian[' . $name . ']';
		$describe = '' !== $error ? ' aria-invalid="true" aria-describedby="' . esc_attr( $id . '-error' ) . '"' : '';
		$required = ! empty( $spec['required'] ) ? ' <span class="required" aria-hidden="true">*</span>' : '';
		echo '<tr class="dangjian-field dangjian-field-' . esc_attr( $name ) . ( '' !== $error ? ' form-invalid' : '' ) . '">';
		echo '<th scope="row"><label for="' . esc_attr( $id ) . '">' . esc_html( $spec['label'] ) . '</label>' . $required . '</th><td>'; // phpcs:ignore WordPress.Security.EscapeOutput -- $required is fixed markup.
		switch ( $spec['type'] ) {
			case 'textarea':
				echo '<textarea class="large-text" rows="4" id="' . esc_attr( $id ) . '" name="' . esc_attr( $field ) . '"' . $describe . '>' . esc_textarea( (string) $value ) . '</textarea>'; // phpcs:ignore WordPress.Security.EscapeOutput -- $describe is escaped above.
				break;
			case 'select':
				echo '<select id="' . esc_attr( $id ) . '" name="' . esc_attr( $field ) . '"' . $describe . '>'; // phpcs:ignore WordPress.Security.EscapeOutput
				$options = $spec['options'];
				if ( ! array_key_exists( (string) $value, $options ) && '' !== (string) $value ) {
					$options = array( (string) $value => (string) $value ) + $options; // Keep what was sent.
				}
				if ( 'kind' === $name ) {
					self::kind_options( (string) $value, $options );
				} else {
					if ( ! empty( $spec['required'] ) && '' === (string) $value ) {
						echo '<option value="">' . esc_html__( '— Choose —', 'dangjian' ) . '</option>';
					}
					foreach ( $options as $v => $label ) {
						echo '<option value="' . esc_attr( (string) $v ) . '"' . selected( (string) $v, (string) $value, false ) . '>' . esc_html( $label ) . '</option>';
					}
				}
				echo '</select>';
				break;
			case 'bool':
				echo '<input type="hidden" name="' . esc_attr( $field ) . '" value="0" />';
				echo '<label><input type="checkbox" id="' . esc_attr( $id ) . '" name="' . esc_attr( $field ) . '" value="1"' . checked( '1', (string) $value, false ) . ' /> ' . esc_html__( 'Yes', 'dangjian' ) . '</label>';
				break;
			case 'participants':
				self::participants_field( is_array( $value ) ? $value : array() );
				break;
			default:
				$types = array(
					'date'  => 'date',
					'email' => 'email',
					'url'   => 'url',
					'phone' => 'tel',
				);
				$type  = $types[ $spec['type'] ] ?? 'text';
				$mode  = in_array( $spec['type'], array( 'amount', 'count', 'year' ), true ) ? ' inputmode="decimal"' : '';
				$class = in_array( $spec['type'], array( 'amount', 'count', 'year', 'date' ), true ) ? 'regular-text dangjian-short' : 'regular-text';
				$place = 'date' === $spec['type'] ? ' placeholder="YYYY-MM-DD"' : '';
				$list  = empty( $spec['suggest'] ) ? '' : ' list="' . esc_attr( $id . '-list' ) . '" autocomplete="off"';
				echo '<input type="' . esc_attr( $type ) . '" class="' . esc_attr( $class ) . '" id="' . esc_attr( $id ) . '" name="' . esc_attr( $field ) . '" value="' . esc_attr( (string) $value ) . '"' . $mode . $place . $list . $describe . ' />'; // phpcs:ignore WordPress.Security.EscapeOutput -- Fixed markup and escaped parts.
				if ( ! empty( $spec['suggest'] ) ) {
					echo '<datalist id="' . esc_attr( $id . '-list' ) . '">';
					foreach ( Records::suggestions( (string) $spec['suggest'] ) as $option ) {
						echo '<option value="' . esc_attr( $option ) . '"></option>';
					}
					echo '</datalist>';
				}
		}
		if ( '' !== $error ) {
			echo '<p class="dangjian-error" id="' . esc_attr( $id . '-error' ) . '" data-field="' . esc_attr( $name ) . '" style="color:#b32d2e"><strong>' . esc_html( $error ) . '</strong></p>';
		}
		if ( '' !== $warning ) {
			echo '<p class="dangjian-warning" data-field="' . esc_attr( $name ) . '" style="color:#996800">' . esc_html( $warning ) . '</p>';
		}
		if ( ! empty( $spec['help'] ) ) {
			echo '<p class="description">' . esc_html( $spec['help'] ) . '</p>';
		}
		echo '</td></tr>';
	}

	/**
	 * The kind select's options, grouped by category.
	 *
	 * @param string $value   The chosen kind.
	 * @param array  $options Every kind (and a foreign value posted).
	 */
	private static function kind_options( string $value, array $options ): void {
		if ( '' === $value ) {
			echo '<option value="">' . esc_html__( '— Choose —', 'dangjian' ) . '</option>';
		}
		$known = Vocabulary::kinds();
		foreach ( $options as $v => $label ) {
			if ( ! isset( $known[ $v ] ) ) {
				echo '<option value="' . esc_attr( (string) $v ) . '" selected="selected">' . esc_html( $label ) . '</option>';
			}
		}
		foreach ( Vocabulary::categories() as $category => $category_label ) {
			echo '<optgroup label="' . esc_attr( $category_label ) . '">';
			foreach ( Vocabulary::kinds( $category ) as $v => $label ) {
				echo '<option value="' . esc_attr( $v ) . '"' . selected( $v, $value, false ) . '>' . esc_html( $label ) . '</option>';
			}
			echo '</optgroup>';
		}
	}

	/**
	 * The participants: the people chosen and a search to add more (Participant_Picker), with their
	 * stage on the activity's date.
	 *
	 * @param array $chosen The participants (id, hours).
	 */
	private static function participants_field( array $chosen ): void {
		require_once __DIR__ . '/class-participant-picker.php'; // Only the activity form needs it.
		Participant_Picker::render( $chosen, self::$form_date );
	}

	/**
	 * The settings screen's load-{hook} action: saves the posted settings.
	 */
	public static function load_settings(): void {
		if ( ! isset( $_POST['dangjian_settings_save'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Missing -- Checked next.
			return;
		}
		self::require_manage();
		check_admin_referer( 'dangjian-settings' );
		$input                      = isset( $_POST['dangjian_settings'] ) && is_array( $_POST['dangjian_settings'] ) ? wp_unslash( $_POST['dangjian_settings'] ) : array(); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Settings::sanitize() cleans it.
		list( $settings, $errors ) = Settings::sanitize( $input );
		list( $profile, $problems ) = Admin_Profile::posted();
		if ( $errors || $problems ) {
			self::$errors = $errors;
			self::$values = $settings;
			Admin_Profile::keep( $profile, $problems );
			status_header( 422 );
			return;
		}
		Settings::save( $settings );
		if ( null !== $profile ) {
			Profile::save( $profile );
		}
		wp_safe_redirect( add_query_arg( array( 'page' => self::SETTINGS_SLUG, 'dj_notice' => 'saved' ), admin_url( 'admin.php' ) ) );
		exit;
	}

	/**
	 * The settings screen.
	 */
	public static function render_settings(): void {
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change the Party building records.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		$settings = null !== self::$values ? self::$values : Settings::get();
		$errors   = self::$errors;
		$freq     = array(
			'none'    => __( 'Not checked', 'dangjian' ),
			'month'   => __( 'Monthly', 'dangjian' ),
			'quarter' => __( 'Quarterly', 'dangjian' ),
			'year'    => __( 'Yearly', 'dangjian' ),
		);
		$error    = static function ( string $key ) use ( $errors ): void {
			if ( isset( $errors[ $key ] ) ) {
				echo '<p class="dangjian-error" data-field="' . esc_attr( $key ) . '" style="color:#b32d2e"><strong>' . esc_html( $errors[ $key ] ) . '</strong></p>';
			}
		};

		echo '<div class="wrap" id="dangjian-settings"><h1>' . esc_html__( 'Party building settings', 'dangjian' ) . '</h1>';
		self::notice();
		if ( $errors || Admin_Profile::refused() ) {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'The settings were not saved: some values need correcting.', 'dangjian' ) . '</p></div>';
		}
		echo '<form method="post" action="' . esc_url( add_query_arg( 'page', self::SETTINGS_SLUG, admin_url( 'admin.php' ) ) ) . '">';
		wp_nonce_field( 'dangjian-settings' );
		echo '<input type="hidden" name="dangjian_settings_save" value="1" />';
		echo '<table class="form-table" role="presentation"><tbody>';
		echo '<tr><th scope="row"><label for="dangjian-organisation">' . esc_html__( 'Organisation name', 'dangjian' ) . '</label></th><td>';
		echo '<input type="text" class="regular-text" id="dangjian-organisation" name="dangjian_settings[organisation]" value="' . esc_attr( $settings['organisation'] ) . '" />';
		$error( 'organisation' );
		echo '<p class="description">' . esc_html__( 'Shown on the dashboard and the public showcase.', 'dangjian' ) . '</p></td></tr>';

		echo '<tr><th scope="row">' . esc_html__( 'Meeting frequencies', 'dangjian' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'Meeting frequencies', 'dangjian' ) . '</legend>';
		foreach ( Vocabulary::kinds( 'meeting' ) as $kind => $label ) {
			$value = $settings['meeting_rules'][ $kind ] ?? 'none';
			echo '<p><label for="dangjian-rule-' . esc_attr( $kind ) . '" style="display:inline-block;min-width:12em">' . esc_html( $label ) . '</label> ';
			echo '<select id="dangjian-rule-' . esc_attr( $kind ) . '" name="dangjian_settings[meeting_rules][' . esc_attr( $kind ) . ']">';
			foreach ( $freq as $v => $text ) {
				echo '<option value="' . esc_attr( $v ) . '"' . selected( $v, $value, false ) . '>' . esc_html( $text ) . '</option>';
			}
			echo '</select></p>';
			$error( 'meeting_rules_' . $kind );
		}
		echo '<p class="description">' . esc_html__( 'The dashboard reminds you of every month, quarter or year without such a meeting.', 'dangjian' ) . '</p></fieldset></td></tr>';

		echo '<tr><th scope="row">' . esc_html__( 'Public showcase', 'dangjian' ) . '</th><td><fieldset><legend class="screen-reader-text">' . esc_html__( 'Public showcase', 'dangjian' ) . '</legend>';
		foreach ( Settings::figures() as $key => $label ) {
			echo '<label style="display:block"><input type="checkbox" name="dangjian_settings[showcase][]" value="' . esc_attr( $key ) . '"' . checked( in_array( $key, $settings['showcase'], true ), true, false ) . ' /> ' . esc_html( $label ) . '</label>';
		}
		$error( 'showcase' );
		echo '<p class="description">' . esc_html__( 'The figures the public pages and the public REST API may show. Only totals are ever shown, never a person.', 'dangjian' ) . '</p></fieldset></td></tr>';
		echo Settings::numbers_field( $settings['numbers'] ?? 'auto', $errors['numbers'] ?? '' ); // phpcs:ignore WordPress.Security.EscapeOutput -- Escaped by Settings.
		echo '</tbody></table>';
		Admin_Profile::render();
		submit_button( __( 'Save settings', 'dangjian' ) );
		echo '</form></div>';
	}
}
