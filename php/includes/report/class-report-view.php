<?php
/**
 * The admin screen 工作汇报: what it shows.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Renders the period chooser, the downloads, the preview (every figure marked; a click lists the
 * records behind it through GET dangjian/v1/report/records) and, for manage_dangjian, the template
 * editor with its errors and the list of figures.
 */
final class Report_View {

	/**
	 * The screen.
	 */
	public static function render(): void {
		if ( ! current_user_can( Capabilities::VIEW ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the Party building statistics.', 'dangjian' ), '', array( 'response' => 403 ) );
		}
		list( $ctx, $error ) = Report_Admin::context();
		echo '<div class="wrap dangjian-report-screen"><h1>' . esc_html__( 'Work report', 'dangjian' ) . '</h1>';
		self::notices( $error );
		self::period_form( $ctx );

		$report = null;
		try {
			$report = Report_Output::build( $ctx );
		} catch ( \Throwable $e ) {
			echo '<div class="notice notice-error" id="dangjian-report-error"><p>' . esc_html( $e->getMessage() ) . '</p></div>';
		}
		if ( null !== $report ) {
			self::downloads( $ctx );
			echo '<style>' . Report_Output::css() . '.dangjian-report-cols{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}.dangjian-report-paper{background:#fff;padding:24px 32px;box-shadow:0 1px 3px rgba(0,0,0,.2);flex:1 1 600px;max-width:660px}#dangjian-report-records{flex:1 1 340px;max-width:640px;background:#fff;padding:12px 16px;border:1px solid #ccd0d4;position:sticky;top:40px;max-height:80vh;overflow:auto}.dangjian-records{font-size:13px}.dangjian-records td:first-child{white-space:nowrap}</style>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Our own CSS.
			echo '<h2>' . esc_html__( 'Preview', 'dangjian' ) . '</h2><p class="description">' . esc_html__( 'Every figure filled in from the records is underlined: click one to see the records behind it.', 'dangjian' ) . '</p>';
			echo '<div class="dangjian-report-cols"><div class="dangjian-report-paper">' . Report_Output::html( $report, true ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- Escaped by Report_Output::html().
			echo '<div id="dangjian-report-records" aria-live="polite"><p class="description">' . esc_html__( 'Click a figure in the preview.', 'dangjian' ) . '</p></div></div>';
			self::script( $ctx );
		}
		if ( current_user_can( Capabilities::MANAGE ) ) {
			self::editor();
		}
		echo '</div>';
	}

	/**
	 * The notices: a bad period, a saved or restored template.
	 *
	 * @param string $error The period's error.
	 */
	private static function notices( string $error ): void {
		if ( '' !== $error ) {
			/* translators: %s: the error. */
			echo '<div class="notice notice-error"><p>' . esc_html( sprintf( __( 'The period was not understood (%s); this year is shown.', 'dangjian' ), $error ) ) . '</p></div>';
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- A notice code after a redirect.
		$notice = isset( $_GET['dj_notice'] ) && is_string( $_GET['dj_notice'] ) ? sanitize_key( wp_unslash( $_GET['dj_notice'] ) ) : '';
		if ( 'saved' === $notice ) {
			echo '<div class="notice notice-success is-dismissible" id="dangjian-report-saved"><p>' . esc_html__( 'The template was saved.', 'dangjian' ) . '</p></div>';
		} elseif ( 'restored' === $notice ) {
			echo '<div class="notice notice-success is-dismissible" id="dangjian-report-saved"><p>' . esc_html__( 'The default template was restored.', 'dangjian' ) . '</p></div>';
		}
	}

	/**
	 * The period chooser (GET): a year, or from and to.
	 *
	 * @param Report_Context $ctx The period shown.
	 */
	private static function period_form( Report_Context $ctx ): void {
		$this_year = (int) substr( Period::today(), 0, 4 );
		$whole     = substr( $ctx->from, 5 ) === '01-01' && substr( $ctx->to, 5 ) === '12-31' && substr( $ctx->from, 0, 4 ) === substr( $ctx->to, 0, 4 );
		echo '<form method="get" class="dangjian-report-period" style="margin:1em 0"><input type="hidden" name="page" value="' . esc_attr( Report_Admin::SLUG ) . '">';
		echo '<label for="dangjian-report-year">' . esc_html__( 'Year', 'dangjian' ) . '</label> <select id="dangjian-report-year" name="year">';
		for ( $y = $this_year; $y >= $this_year - 10; $y-- ) {
			echo '<option value="' . esc_attr( (string) $y ) . '"' . selected( $whole && $y === $ctx->report_year(), true, false ) . '>' . esc_html( (string) $y ) . '</option>';
		}
		echo '</select> <button type="submit" class="button">' . esc_html__( 'Show', 'dangjian' ) . '</button></form>';
		echo '<form method="get" class="dangjian-report-range"><input type="hidden" name="page" value="' . esc_attr( Report_Admin::SLUG ) . '">';
		echo '<label for="dangjian-report-from">' . esc_html__( 'From', 'dangjian' ) . '</label> <input type="date" id="dangjian-report-from" name="from" value="' . esc_attr( $whole ? '' : $ctx->from ) . '"> ';
		echo '<label for="dangjian-report-to">' . esc_html__( 'To', 'dangjian' ) . '</label> <input type="date" id="dangjian-report-to" name="to" value="' . esc_attr( $whole ? '' : $ctx->to ) . '"> ';
		echo '<button type="submit" class="button">' . esc_html__( 'Show this period', 'dangjian' ) . '</button></form>';
		/* translators: 1: first day, 2: last day, 3: the roster day. */
		echo '<p>' . esc_html( sprintf( __( 'Period: %1$s to %2$s; roster figures on %3$s.', 'dangjian' ), $ctx->from, $ctx->to, $ctx->as_of ) ) . '</p>';
	}

	/**
	 * The download links (.docx, print view, text), each with the download nonce.
	 *
	 * @param Report_Context $ctx The period.
	 */
	private static function downloads( Report_Context $ctx ): void {
		$base = array(
			'from' => $ctx->from,
			'to'   => $ctx->to,
		);
		$link = static fn( string $what ) => wp_nonce_url( Report_Admin::url( $base + array( 'download' => $what ) ), Report_Admin::NONCE . '_download' );
		echo '<p class="dangjian-report-downloads">';
		echo '<a class="button button-primary" id="dangjian-report-docx" href="' . esc_url( $link( 'docx' ) ) . '">' . esc_html__( 'Download .docx', 'dangjian' ) . '</a> ';
		echo '<a class="button" id="dangjian-report-print" target="_blank" rel="noopener" href="' . esc_url( $link( 'print' ) ) . '">' . esc_html__( 'Print view (PDF)', 'dangjian' ) . '</a> ';
		echo '<a class="button" id="dangjian-report-text" href="' . esc_url( $link( 'text' ) ) . '">' . esc_html__( 'Plain text', 'dangjian' ) . '</a>';
		echo '</p>';
	}

	/**
	 * The drill-down script: a click on a figure fetches its records from the REST API.
	 *
	 * @param Report_Context $ctx The period.
	 */
	private static function script( Report_Context $ctx ): void {
		$data = array(
			'url'    => rest_url( DANGJIAN_REST_NAMESPACE . '/report/records' ),
			'nonce'  => wp_create_nonce( 'wp_rest' ),
			'period' => array(
				'from'  => $ctx->from,
				'to'    => $ctx->to,
				'as_of' => $ctx->as_of,
			),
			'i18n'   => array(
				/* translators: %d: a number of records. */
				'total'   => __( '%d records', 'dangjian' ),
				/* translators: %d: a number of records. */
				'shown'   => __( 'the first %d are shown', 'dangjian' ),
				'none'    => __( 'No records.', 'dangjian' ),
				'loading' => __( 'Loading…', 'dangjian' ),
				'failed'  => __( 'The records could not be loaded.', 'dangjian' ),
			),
		);
		wp_register_script( 'dangjian-report', false, array(), DANGJIAN_PLUGIN_VERSION, true );
		wp_enqueue_script( 'dangjian-report' );
		wp_add_inline_script( 'dangjian-report', 'window.dangjianReport=' . wp_json_encode( $data ) . ';' . self::js() );
	}

	/**
	 * The script's code.
	 */
	private static function js(): string {
		return <<<'JS'
(function(){var d=window.dangjianReport,box=document.getElementById('dangjian-report-records');if(!box){return;}
function el(t,x){var e=document.createElement(t);if(x!==undefined){e.textContent=x;}return e;}
function show(btn,r){box.textContent='';box.appendChild(el('h3',btn.title));var t=r.total;var p=el('p',d.i18n.total.replace('%d',t)+(r.rows.length<t?' ('+d.i18n.shown.replace('%d',r.rows.length)+')':''));p.className='dangjian-records-total';box.appendChild(p);
if(r.note){box.appendChild(el('p',r.note));}if(!r.rows.length){box.appendChild(el('p',d.i18n.none));return;}
var tb=el('table');tb.className='widefat striped dangjian-records';var tr=el('tr');Object.keys(r.columns).forEach(function(k){tr.appendChild(el('th',r.columns[k]));});var th=el('thead');th.appendChild(tr);tb.appendChild(th);var bd=el('tbody');
r.rows.forEach(function(row){var tr=el('tr');tr.dataset.id=row.id||'';Object.keys(r.columns).forEach(function(k){tr.appendChild(el('td',row[k]==null?'':String(row[k])));});bd.appendChild(tr);});tb.appendChild(bd);box.appendChild(tb);}
function open(b){
document.querySelectorAll('.dangjian-figure.is-open').forEach(function(x){x.classList.remove('is-open');});b.classList.add('is-open');box.textContent=d.i18n.loading;
var q=new URLSearchParams({figure:b.dataset.figure,args:b.dataset.args||'{}',from:d.period.from,to:d.period.to,as_of:d.period.as_of});
fetch(d.url+(d.url.indexOf('?')<0?'?':'&')+q.toString(),{headers:{'X-WP-Nonce':d.nonce},credentials:'same-origin'}).then(function(r){if(!r.ok){throw new Error(r.status);}return r.json();}).then(function(r){show(b,r);}).catch(function(){box.textContent=d.i18n.failed;});}
document.addEventListener('click',function(ev){var b=ev.target.closest&&ev.target.closest('.dangjian-figure');if(b){ev.preventDefault();open(b);}});
document.addEventListener('keydown',function(ev){var b=ev.target.closest&&ev.target.closest('.dangjian-figure');if(b&&(ev.key==='Enter'||ev.key===' ')){ev.preventDefault();open(b);}});})();
JS;
	}

	/**
	 * The template editor (manage_dangjian): the text, its errors by line, save and restore, and the
	 * list of figures.
	 */
	private static function editor(): void {
		$state = Report_Admin::$state;
		$text  = $state['text'] ?? Report_Template::stored();
		echo '<h2 id="dangjian-report-template">' . esc_html__( 'Template', 'dangjian' ) . '</h2>';
		if ( array() !== $state['errors'] ) {
			echo '<div class="notice notice-error" id="dangjian-report-template-errors"><p>' . esc_html__( 'The template was not saved:', 'dangjian' ) . '</p><ul>';
			foreach ( $state['errors'] as $e ) {
				/* translators: 1: a line number, 2: an error. */
				echo '<li data-line="' . esc_attr( (string) $e['line'] ) . '">' . esc_html( sprintf( __( 'Line %1$d: %2$s', 'dangjian' ), $e['line'], $e['message'] ) ) . '</li>';
			}
			echo '</ul></div>';
			// A click on an error selects its line in the editor.
			wp_register_script( 'dangjian-report-editor', false, array(), DANGJIAN_PLUGIN_VERSION, true );
			wp_enqueue_script( 'dangjian-report-editor' );
			wp_add_inline_script( 'dangjian-report-editor', "document.querySelectorAll('#dangjian-report-template-errors li[data-line]').forEach(function(li){li.style.cursor='pointer';li.addEventListener('click',function(){var t=document.getElementById('dangjian-report-template-text'),n=+li.dataset.line,l=t.value.split('\\n'),a=0;for(var i=0;i<n-1&&i<l.length;i++){a+=l[i].length+1;}t.focus();t.setSelectionRange(a,a+(l[n-1]||'').length);});});" );
		}
		echo '<p class="description">' . esc_html__( 'One block a line: "# " the title, "## " a heading, "### " a sub-heading, "<< " flush left, ">> " flush right, a line starting with the percent sign a comment, any other line a paragraph. {{id}} or {{id arg=value | form}} is a figure; [[ … ]] is a sentence left out when all its figures are zero. Forms: exact, 余, 多, 万, percent, 、 (see docs/FIGURES.md).', 'dangjian' ) . '</p>';
		echo '<form method="post" action="' . esc_url( Report_Admin::url() ) . '#dangjian-report-template">';
		wp_nonce_field( Report_Admin::NONCE . '_template' );
		echo '<textarea name="dangjian_report_template" id="dangjian-report-template-text" rows="24" class="large-text code" spellcheck="false">' . esc_textarea( $text ) . '</textarea>';
		echo '<p><button type="submit" class="button button-primary" name="dangjian_report_action" value="save" id="dangjian-report-save">' . esc_html__( 'Save template', 'dangjian' ) . '</button> ';
		echo '<button type="submit" class="button" name="dangjian_report_action" value="restore" id="dangjian-report-restore">' . esc_html__( 'Restore the default template', 'dangjian' ) . '</button></p></form>';

		echo '<details><summary>' . esc_html__( 'Figures a template can use', 'dangjian' ) . '</summary><table class="widefat striped"><thead><tr><th>id</th><th>' . esc_html__( 'Label', 'dangjian' ) . '</th><th>' . esc_html__( 'Unit', 'dangjian' ) . '</th><th>' . esc_html__( 'Arguments', 'dangjian' ) . '</th></tr></thead><tbody>';
		foreach ( Report_Figures::catalogue() as $id => $spec ) {
			echo '<tr><td><code>' . esc_html( $id ) . '</code></td><td>' . esc_html( $spec['label'] ) . '</td><td>' . esc_html( $spec['unit'] ) . '</td><td>' . esc_html( implode( ', ', $spec['args'] ) ) . '</td></tr>';
		}
		echo '</tbody></table></details>';
	}
}
