/**
 * The editor side of the block dangjian/stats: the options in the sidebar, a live preview rendered
 * by the server (ServerSideRender). Plain JavaScript on WordPress's globals; no build step.
 * The choices and their translated labels come from PHP (window.dangjianStatsBlock).
 */
( function ( wp, data ) {
	'use strict';
	if ( ! wp || ! wp.blocks || ! data ) {
		return;
	}
	var el = wp.element.createElement;
	var Fragment = wp.element.Fragment;
	var be = wp.blockEditor || wp.editor;
	var InspectorControls = be.InspectorControls;
	var useBlockProps = be.useBlockProps;
	var c = wp.components;
	var ServerSideRender = wp.serverSideRender;
	var L = data.labels;

	function options( list ) {
		return list.slice();
	}

	function chosenFigures( attributes ) {
		var list = ( attributes.figures || '' ).split( /[\s,]+/ ).filter( Boolean );
		return list.length ? list : data.defaultFigures.slice();
	}

	function Edit( props ) {
		var a = props.attributes;
		var set = props.setAttributes;
		var figures = chosenFigures( a );
		var blockProps = useBlockProps ? useBlockProps() : {};

		var figureBoxes = data.figures.map( function ( f ) {
			return el( c.CheckboxControl, {
				key: f.value,
				label: f.label,
				checked: figures.indexOf( f.value ) !== -1,
				onChange: function ( on ) {
					var next = figures.filter( function ( k ) {
						return k !== f.value;
					} );
					if ( on ) {
						next.push( f.value );
					}
					// Keep the catalogue's order.
					next = data.figures
						.map( function ( g ) {
							return g.value;
						} )
						.filter( function ( k ) {
							return next.indexOf( k ) !== -1;
						} );
					set( { figures: next.join( ',' ) } );
				},
			} );
		} );

		var periodControls = [
			el( c.SelectControl, {
				key: 'period',
				label: L.period,
				value: a.period,
				options: options( data.periods ),
				onChange: function ( v ) {
					set( v === 'custom' ? { period: v } : { period: v, from: '', to: '' } );
				},
			} ),
		];
		if ( a.period === 'custom' ) {
			periodControls.push(
				el( c.TextControl, {
					key: 'from',
					type: 'date',
					label: L.from,
					value: a.from,
					onChange: function ( v ) {
						set( { from: v } );
					},
				} ),
				el( c.TextControl, {
					key: 'to',
					type: 'date',
					label: L.to,
					value: a.to,
					onChange: function ( v ) {
						set( { to: v } );
					},
				} )
			);
		}

		var selects = [ 'layout', 'chart', 'numbers' ].map( function ( key ) {
			return el( c.SelectControl, {
				key: key,
				label: L[ key ],
				value: a[ key ],
				options: options( data[ key === 'layout' ? 'layouts' : key === 'chart' ? 'charts' : 'numbers' ] ),
				onChange: function ( v ) {
					var change = {};
					change[ key ] = v;
					set( change );
				},
			} );
		} );

		return el(
			Fragment,
			null,
			el(
				InspectorControls,
				null,
				el( c.PanelBody, { title: L.panel, initialOpen: true }, periodControls, selects ),
				el( c.PanelBody, { title: L.figures, initialOpen: true }, figureBoxes )
			),
			el(
				'div',
				blockProps,
				el( ServerSideRender, { block: 'dangjian/stats', attributes: a } )
			)
		);
	}

	wp.blocks.registerBlockType( 'dangjian/stats', {
		title: L.title,
		description: L.description,
		edit: Edit,
		save: function () {
			return null;
		},
	} );
} )( window.wp, window.dangjianStatsBlock );
