<?php
/**
 * Plugin Name:       Emotional intimacy guide
 * Plugin URI:        https://www.npmjs.com/package/emotional-intimacy-widget
 * Description:       {{DESCRIPTION}} Add the "Emotional intimacy guide" block, or the [emotional_intimacy] shortcode.
 * Version:           {{VERSION}}
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT OR Apache-2.0
 * License URI:       https://spdx.org/licenses/MIT.html
 * Text Domain:       emotional-intimacy
 * Update URI:        false
 *
 * The widget's files are in widget/, as the release built them. This plugin only puts the
 * pre-rendered widget on a page, with the options chosen: it stores nothing, sends nothing
 * and has no settings. Visitors' ticks and notes stay in their own browsers.
 *
 * @package EmotionalIntimacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * The widget's options, from its options table (block/options.json, written by the build):
 * each one's data attribute, block attribute, shortcode attribute, values and default.
 *
 * @return array[]
 */
function emotional_intimacy_options() {
	static $options = null;
	if ( null === $options ) {
		$file    = __DIR__ . '/block/options.json';
		$json    = is_readable( $file ) ? file_get_contents( $file ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of this plugin.
		$options = is_string( $json ) ? json_decode( $json, true ) : array();
	}
	return is_array( $options ) ? $options : array();
}

/**
 * The options as the editor's sidebar shows them: each one's label, help and values' labels
 * in the site's language (block/labels.php, whose words translation tools find).
 *
 * @return array[]
 */
function emotional_intimacy_editor_options() {
	$file    = __DIR__ . '/block/labels.php';
	$words   = is_readable( $file ) ? include $file : array();
	$options = emotional_intimacy_options();
	foreach ( $options as $i => $option ) {
		$said = isset( $words[ $option['name'] ] ) ? $words[ $option['name'] ] : null;
		if ( ! is_array( $said ) ) {
			continue;
		}
		$options[ $i ]['label'] = $said['label'];
		$options[ $i ]['help']  = $said['help'];
		if ( isset( $option['values']['allowed'] ) ) {
			foreach ( $option['values']['allowed'] as $j => $value ) {
				if ( isset( $said['values'][ $value ] ) ) {
					$options[ $i ]['values']['labels'][ $j ] = $said['values'][ $value ];
				}
			}
		}
	}
	return $options;
}

/**
 * The pre-rendered widget (readable before scripts run, and with JavaScript off) with its
 * files at this plugin's address and these options as data attributes (with the site's own
 * storage name where a network needs one). In a feed, a link to
 * the page instead: feed readers run no script and show no template, so the widget there
 * would be an empty space.
 *
 * @param array $values Data attribute name (without "data-") => value, for the options set.
 * @return string HTML.
 */
function emotional_intimacy_widget( $values ) {
	if ( is_feed() ) {
		return sprintf(
			'<p>%s</p>',
			sprintf(
				/* translators: %s: the guide's title, a link to the page it is on. */
				esc_html__( 'A short guide, %s, and a daily practice: open the page to read it.', 'emotional-intimacy' ),
				'<a href="' . esc_url( get_permalink() ) . '">' . esc_html__( '{{TITLE}}', 'emotional-intimacy' ) . '</a>'
			)
		);
	}
	$snippet = emotional_intimacy_snippet();
	if ( '' === $snippet ) {
		return '';
	}
	$attributes = '';
	foreach ( emotional_intimacy_site_key( $values ) as $name => $value ) {
		$attributes .= sprintf( ' data-%s="%s"', sanitize_key( $name ), esc_attr( $value ) );
	}
	return str_replace( '<div data-emotional-intimacy>', '<div data-emotional-intimacy' . $attributes . '>', $snippet );
}

/**
 * The pre-rendered widget as this plugin serves it (read once per request): its files at
 * this plugin's address, and without the comment meant for people pasting it by hand.
 *
 * @return string HTML, or '' if the file cannot be read.
 */
function emotional_intimacy_snippet() {
	static $snippet = null;
	if ( null === $snippet ) {
		$file    = __DIR__ . '/widget/snippet.html';
		$html    = is_readable( $file ) ? file_get_contents( $file ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of this plugin.
		$snippet = is_string( $html ) ? preg_replace( '/^<!--.*?-->\s*/s', '', $html ) : '';
		// embed.js is the one file whose name stays the same from release to release: its
		// address names the version, so no browser or cache keeps an old one after an update
		// (hosts that do not read the folder's .htaccess, nginx's, send no Cache-Control).
		$snippet = str_replace( '"./embed.js"', '"./embed.js?ver={{VERSION}}"', $snippet );
		$snippet = str_replace( '"./', '"' . esc_url( plugins_url( 'widget/', __FILE__ ) ), $snippet );
	}
	return $snippet;
}

/**
 * The options set in `$given` (by the key each option has there), default ones left out.
 *
 * @param array  $given Block attributes or shortcode attributes.
 * @param string $key   'attribute' (the block's) or 'shortcode'.
 * @return array Data attribute name => value.
 */
function emotional_intimacy_chosen( $given, $key ) {
	$values = array();
	foreach ( emotional_intimacy_options() as $option ) {
		if ( ! isset( $given[ $option[ $key ] ] ) ) {
			continue;
		}
		$value = trim( (string) $given[ $option[ $key ] ] );
		// A storage name is kept even when it is the widget's usual one: on a network it
		// says "this site's visitors' practice is under the usual name" (see below).
		if ( '' !== $value && ( $value !== $option['default'] || 'storage-key' === $option['name'] ) ) {
			$values[ $option['name'] ] = $value;
		}
	}
	return $values;
}

/**
 * On a Multisite network whose sites share one address (sites in subfolders of the
 * network's domain, so one browser storage), each site's visitors keep their practice
 * apart: a storage name of the site's own, unless the block or shortcode names one the
 * widget takes (the usual one included: a site that used the pasted widget keeps its
 * visitors' practice so). The main site keeps the widget's usual name, so a site turned
 * into a network keeps its visitors' practice; so does a site on an address of its own (a subdomain, its own
 * domain), whose storage is its own. This is a name, not a wall: the network's sites share
 * the browser storage, and their scripts can read all of it.
 *
 * @param array $values Data attribute name => value, for the options set.
 * @return array The same, with the site's storage name where it needs one.
 */
function emotional_intimacy_site_key( $values ) {
	if ( ! is_multisite() || is_main_site() || emotional_intimacy_is_key_name( isset( $values['storage-key'] ) ? $values['storage-key'] : '' ) ) {
		return $values;
	}
	// This site's address and the network's, as "host" or "host:port" (a port browsers
	// leave out, left out), in lower case: the same means the same browser storage.
	$home    = wp_parse_url( home_url() );
	$port    = isset( $home['port'] ) && ! in_array( (int) $home['port'], array( 80, 443 ), true ) ? ':' . $home['port'] : '';
	$address = strtolower( ( isset( $home['host'] ) ? $home['host'] : '' ) . $port );
	$network = strtolower( preg_replace( '/:(80|443)$/', '', get_network()->domain ) );
	if ( $address !== $network ) {
		return $values;
	}
	$values['storage-key'] = 'emotional-intimacy-widget-site-' . get_current_blog_id();
	return $values;
}

/**
 * Whether `$name` is a storage name the widget takes (its grammar, from the options table):
 * one it refuses would leave the site on the usual name.
 *
 * @param string $name A storage name.
 * @return bool
 */
function emotional_intimacy_is_key_name( $name ) {
	foreach ( emotional_intimacy_options() as $option ) {
		if ( isset( $option['values']['pattern'] ) ) {
			return 1 === preg_match( '~^(?:' . $option['values']['pattern'] . ')$~D', $name );
		}
	}
	return false;
}

/**
 * The block's server-side render.
 *
 * @param array $attributes The block's attributes.
 * @return string HTML.
 */
function emotional_intimacy_render_block( $attributes ) {
	return emotional_intimacy_widget( emotional_intimacy_chosen( (array) $attributes, 'attribute' ) );
}

/**
 * [emotional_intimacy heading_level="3" sections="quick-take faq"].
 *
 * @param array|string $atts Shortcode attributes.
 * @return string HTML.
 */
function emotional_intimacy_shortcode( $atts ) {
	return emotional_intimacy_widget( emotional_intimacy_chosen( is_array( $atts ) ? $atts : array(), 'shortcode' ) );
}

add_action(
	'init',
	function () {
		register_block_type( __DIR__ . '/block', array( 'render_callback' => 'emotional_intimacy_render_block' ) );
		add_shortcode( 'emotional_intimacy', 'emotional_intimacy_shortcode' );
	}
);

// The pre-rendered widget's text is the guide's as written: WordPress's typographic quotes
// and smilies stay out of it (the block's output passes through them; the shortcode's does not).
add_filter(
	'no_texturize_tags',
	function ( $tags ) {
		$tags[] = 'template';
		return $tags;
	}
);

// The editor's sidebar gets the options table, and the block's script the address of
// embed.js, which it loads where the block is drawn (the editor's page or its iframe): the
// editor shows the real widget.
add_action(
	'enqueue_block_editor_assets',
	function () {
		$handle = generate_block_asset_handle( 'emotional-intimacy/guide', 'editorScript' );
		$editor = array(
			'options' => emotional_intimacy_editor_options(),
			'embed'   => plugins_url( 'widget/embed.js', __FILE__ ) . '?ver={{VERSION}}',
		);
		wp_add_inline_script( $handle, 'window.emotionalIntimacyEditor = ' . wp_json_encode( $editor, JSON_HEX_TAG | JSON_HEX_AMP ) . ';', 'before' );
		wp_set_script_translations( $handle, 'emotional-intimacy' );
	}
);
