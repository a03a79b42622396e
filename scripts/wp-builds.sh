#!/bin/bash
# wp-builds.sh VERSION - a complete WordPress VERSION tree for the tests, from the npm package
# @wp-playground/wordpress-builds@0.9.19 (Debian ships only 6.1.9). Prints the tree's folder.
#
#   scripts/wp-builds.sh 6.5      -> .work/wp-builds/wordpress-6.5.5 (WordPress 6.5.5)
#
# The package holds Playground's trimmed builds: the PHP files in src/wordpress/wp-X.Y.zip and the
# static files (CSS, JS, images) apart in public/wp-X.Y/; both are merged into one tree. Its SQLite
# integration is left out (the tests use MariaDB), its wp-config.php removed (scripts/wp-env.sh
# writes an ordinary one), and Debian's twentytwentyone theme, which the test sites use, is added.
# Set DJ_WP_SRC to the printed folder for scripts/wp-env.sh. Does nothing when the tree exists.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${1:?usage: wp-builds.sh 6.5}
PKG=@wp-playground/wordpress-builds@0.9.19
CACHE=${DJ_WP_BUILDS:-$ROOT/.work/wp-builds}
TGZ=$CACHE/wp-playground-wordpress-builds-0.9.19.tgz
mkdir -p "$CACHE"

[ -f "$TGZ" ] || (cd "$CACHE" && npm pack --silent "$PKG" >/dev/null) || {
    echo "wp-builds: npm pack $PKG failed" >&2
    exit 1
}

full=$(tar -xzOf "$TGZ" package/src/wordpress/wp-versions.json | php -r '
    $v = json_decode(stream_get_contents(STDIN), true);
    echo $v[$argv[1]] ?? "";' "$VERSION")
[ -n "$full" ] || {
    echo "wp-builds: $PKG has no WordPress $VERSION" >&2
    exit 1
}
TREE=$CACHE/wordpress-$full
if [ ! -f "$TREE/wp-settings.php" ] || [ ! -f "$TREE/wp-admin/css/common.css" ]; then
    tmp=$(mktemp -d "$CACHE/tmp.XXXXXX")
    tar -xzf "$TGZ" -C "$tmp" "package/src/wordpress/wp-$VERSION.zip" "package/public/wp-$VERSION"
    mkdir -p "$tmp/tree"
    (cd "$tmp/tree" && unzip -q "$tmp/package/src/wordpress/wp-$VERSION.zip")
    cp -a "$tmp/package/public/wp-$VERSION/." "$tmp/tree/"
    rm -f "$tmp/tree/wp-config.php" "$tmp/tree/wp-content/db.php" "$tmp/tree/wordpress-remote-asset-paths"
    rm -rf "$tmp/tree/wp-content/database" "$tmp/tree/wp-content/plugins/sqlite-database-integration"
    if [ -d /usr/share/wordpress/wp-content/themes/twentytwentyone ]; then
        cp -a /usr/share/wordpress/wp-content/themes/twentytwentyone "$tmp/tree/wp-content/themes/"
    fi
    grep -q "wp_version = '$full'" "$tmp/tree/wp-includes/version.php" || {
        echo "wp-builds: the tree is not WordPress $full" >&2
        exit 1
    }
    rm -rf "$TREE"
    mv "$tmp/tree" "$TREE"
    rm -rf "$tmp"
fi
echo "$TREE"
