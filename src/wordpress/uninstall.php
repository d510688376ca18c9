<?php
/**
 * Uninstalling: WordPress removes this plugin's files. The plugin kept nothing else (no
 * option, no table, no file elsewhere), so there is nothing more to remove here. Visitors'
 * ticks and notes are in their own browsers, which this server cannot reach.
 *
 * @package EmotionalIntimacy
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;
