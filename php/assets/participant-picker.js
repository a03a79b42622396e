/**
 * The activity form's participant picker (Participant_Picker, php/includes/admin/): search as you
 * type through GET /dangjian/v1/people/search (name or phone, people on the roster on the activity's
 * date, recent participants first, pinyin order), add with a click or Enter, untick to remove.
 * Plain JavaScript, no build step.
 */
( function () {
	'use strict';

	var box = document.getElementById( 'dangjian-participants' );
	if ( ! box || ! box.dataset.rest ) {
		return;
	}
	var texts = JSON.parse( box.dataset.texts || '{}' );
	var input = document.getElementById( 'dangjian-participant-search' );
	var list = document.getElementById( 'dangjian-participant-results' );
	var status = box.querySelector( '.dangjian-picker-status' );
	var chosen = box.querySelector( '.dangjian-picker-chosen tbody' );
	var empty = box.querySelector( '.dangjian-picker-empty' );
	var dateInput = document.getElementById( box.dataset.dateInput );
	var items = [];
	var active = -1;
	var timer = null;
	var seq = 0;

	function day() {
		var v = dateInput ? dateInput.value : '';
		return /^\d{4}-\d{2}-\d{2}$/.test( v ) ? v : box.dataset.on;
	}

	function url( params ) {
		var base = box.dataset.rest;
		var query = Object.keys( params ).map( function ( k ) {
			var v = params[ k ];
			if ( Array.isArray( v ) ) {
				return v.map( function ( x ) {
					return encodeURIComponent( k + '[]' ) + '=' + encodeURIComponent( x );
				} ).join( '&' );
			}
			return encodeURIComponent( k ) + '=' + encodeURIComponent( v );
		} ).join( '&' );
		return base + ( base.indexOf( '?' ) >= 0 ? '&' : '?' ) + query;
	}

	function ask( params ) {
		return fetch( url( params ), {
			credentials: 'same-origin',
			headers: { 'X-WP-Nonce': box.dataset.nonce, Accept: 'application/json' },
		} ).then( function ( r ) {
			if ( ! r.ok ) {
				throw new Error( 'HTTP ' + r.status );
			}
			return r.json();
		} );
	}

	function chosenIds() {
		return Array.prototype.map.call( chosen.querySelectorAll( 'tr[data-person]' ), function ( tr ) {
			return tr.dataset.person;
		} );
	}

	function isChosen( id ) {
		return chosenIds().indexOf( String( id ) ) >= 0;
	}

	function close() {
		list.hidden = true;
		input.setAttribute( 'aria-expanded', 'false' );
		input.removeAttribute( 'aria-activedescendant' );
		active = -1;
	}

	function mark( i ) {
		var options = list.querySelectorAll( '[role="option"]' );
		active = Math.max( -1, Math.min( i, options.length - 1 ) );
		Array.prototype.forEach.call( options, function ( li, n ) {
			li.setAttribute( 'aria-selected', n === active ? 'true' : 'false' );
			li.classList.toggle( 'is-active', n === active );
		} );
		if ( active >= 0 ) {
			input.setAttribute( 'aria-activedescendant', options[ active ].id );
			options[ active ].scrollIntoView( { block: 'nearest' } );
		}
	}

	function show( answer ) {
		items = answer.items || [];
		list.textContent = '';
		items.forEach( function ( p, n ) {
			var li = document.createElement( 'li' );
			li.id = 'dangjian-participant-option-' + p.id;
			li.setAttribute( 'role', 'option' );
			li.setAttribute( 'aria-selected', 'false' );
			li.dataset.person = p.id;
			var name = document.createElement( 'strong' );
			name.textContent = p.name;
			li.appendChild( name );
			var extra = [ p.stage_label ];
			if ( p.phone_tail ) {
				extra.push( ( texts.phone || '…%s' ).replace( '%s', p.phone_tail ) );
			}
			if ( p.recent ) {
				extra.push( texts.recent );
			}
			if ( isChosen( p.id ) ) {
				extra.push( texts.added );
				li.setAttribute( 'aria-disabled', 'true' );
			}
			var span = document.createElement( 'span' );
			span.className = 'dangjian-picker-meta';
			span.textContent = ' ' + extra.filter( Boolean ).join( ' · ' );
			li.appendChild( span );
			li.addEventListener( 'mousedown', function ( e ) {
				e.preventDefault(); // Keep the focus in the search box.
				add( items[ n ] );
			} );
			list.appendChild( li );
		} );
		list.hidden = false;
		input.setAttribute( 'aria-expanded', 'true' );
		var note = '';
		if ( ! items.length ) {
			note = texts.none;
		} else if ( answer.more ) {
			note = '' === input.value.trim() && texts.roster ? texts.roster.replace( '%s', String( answer.total ) ) : texts.more;
		}
		status.textContent = note;
		mark( items.length ? 0 : -1 );
	}

	function search() {
		var mine = ++seq;
		status.textContent = texts.searching;
		ask( { q: input.value.trim(), on: day() } ).then( function ( answer ) {
			if ( mine === seq ) {
				show( answer );
			}
		} ).catch( function () {
			if ( mine === seq ) {
				status.textContent = texts.error;
			}
		} );
	}

	function add( p ) {
		if ( ! p || isChosen( p.id ) ) {
			return;
		}
		var id = String( p.id );
		var tr = document.createElement( 'tr' );
		tr.dataset.person = id;
		var td1 = document.createElement( 'td' );
		var box1 = document.createElement( 'input' );
		box1.type = 'checkbox';
		box1.id = 'dangjian-participant-' + id;
		box1.name = 'participants[]';
		box1.value = id;
		box1.checked = true;
		td1.appendChild( box1 );
		var td2 = document.createElement( 'td' );
		var label = document.createElement( 'label' );
		label.htmlFor = box1.id;
		label.textContent = p.name;
		td2.appendChild( label );
		var td3 = document.createElement( 'td' );
		td3.className = 'dangjian-picker-stage';
		td3.textContent = p.stage_label;
		var td4 = document.createElement( 'td' );
		var hours = document.createElement( 'input' );
		hours.type = 'text';
		hours.inputMode = 'decimal';
		hours.size = 6;
		hours.name = 'participant_hours[' + id + ']';
		hours.setAttribute( 'aria-label', texts.hours );
		td4.appendChild( hours );
		[ td1, td2, td3, td4 ].forEach( function ( td ) {
			tr.appendChild( td );
		} );
		chosen.appendChild( tr );
		empty.hidden = true;
		input.value = '';
		close();
		status.textContent = p.name + ' ' + texts.added;
		input.focus();
	}

	// The stages of the people chosen, again, when the activity's date changes.
	function restage() {
		var ids = chosenIds().filter( function ( id ) {
			return /^\d+$/.test( id );
		} );
		if ( ! ids.length ) {
			return;
		}
		ask( { ids: ids, on: day() } ).then( function ( answer ) {
			( answer.items || [] ).forEach( function ( p ) {
				var cell = chosen.querySelector( 'tr[data-person="' + p.id + '"] .dangjian-picker-stage' );
				if ( cell ) {
					cell.textContent = p.stage_label;
				}
			} );
		} ).catch( function () {} );
	}

	input.addEventListener( 'input', function () {
		clearTimeout( timer );
		timer = setTimeout( search, 200 );
	} );
	input.addEventListener( 'focus', function () {
		if ( list.hidden ) {
			search();
		}
	} );
	input.addEventListener( 'blur', function () {
		setTimeout( close, 150 );
	} );
	input.addEventListener( 'keydown', function ( e ) {
		if ( 'ArrowDown' === e.key ) {
			e.preventDefault();
			if ( list.hidden ) {
				search();
			} else {
				mark( active + 1 );
			}
		} else if ( 'ArrowUp' === e.key ) {
			e.preventDefault();
			mark( active - 1 );
		} else if ( 'Enter' === e.key ) {
			e.preventDefault(); // Never submit the form from the search box.
			if ( ! list.hidden && active >= 0 ) {
				add( items[ active ] );
			}
		} else if ( 'Escape' === e.key ) {
			close();
		}
	} );
	if ( dateInput ) {
		dateInput.addEventListener( 'change', function () {
			restage();
			if ( ! list.hidden ) {
				search();
			}
		} );
	}
}() );
