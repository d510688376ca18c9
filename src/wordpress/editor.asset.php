<?php
/**
 * What the block's editor script needs (WordPress reads this beside editor.js).
 *
 * @package EmotionalIntimacy
 */

defined( 'ABSPATH' ) || exit;

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render', 'wp-i18n' ),
	'version'      => '{{VERSION}}',
);
