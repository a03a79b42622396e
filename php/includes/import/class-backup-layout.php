<?php
/**
 * A backup not laid out as the backup writer lays it out.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * Raised by Backup_Source and Backup_Stream when a backup's text is not in the writer's layout (an
 * older backup, one edited by hand, a damaged one): the caller then reads the text whole, as before
 * this reader existed, and reports what is wrong with it there. Never shown to anyone.
 */
final class Backup_Layout extends \RuntimeException {
}
