#!/bin/sh
# wp-i18n.sh - refresh the plugin's translation files from its source.
#
#   scripts/wp-i18n.sh          regenerate php/languages/dangjian.pot (xgettext, WordPress keywords,
#                               plus the plugin header's name and description), merge it into every
#                               php/languages/dangjian-*.po, and compile each .po into its .mo
#   scripts/wp-i18n.sh --check  the same into a temporary folder; fail when a .po lacks a translation,
#                               has a fuzzy one, or when the committed .pot or .mo are out of date
# The rooms' own translations (php/languages/rooms/*-zh_CN.po, written beside the code of report/,
# rating/, network/ ...) are compendia: msgmerge takes from them what the main .po lacks.
# Needs gettext (msgfmt, msgmerge, xgettext).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LANG_DIR=$ROOT/php/languages
CHECK=0
[ "${1:-}" = --check ] && CHECK=1

for tool in xgettext msgmerge msgfmt; do
    command -v "$tool" >/dev/null || {
        echo "wp-i18n: $tool is missing (apt-get install gettext)" >&2
        exit 1
    }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The plugin header's translatable fields, as WordPress reads them.
header() { sed -n "s/^ \* $1: *//p" "$ROOT/php/dangjian.php" | head -1 | sed "s/'/\\\\'/g"; }
{
    echo '<?php'
    printf "__( '%s', 'dangjian' );\n" "$(header 'Plugin Name')"
    printf "__( '%s', 'dangjian' );\n" "$(header 'Description')"
} >"$TMP/header.php"

cd "$ROOT/php"
find . -name '*.php' -not -path './fallback/*' | LC_ALL=C sort >"$TMP/files"
echo "$TMP/header.php" >>"$TMP/files"
xgettext --language=PHP --from-code=UTF-8 --add-comments=translators: --sort-by-file --add-location=file \
    --package-name=Dangjian --package-version="$(sed -n 's/^ \* Version: *//p' dangjian.php)" \
    --msgid-bugs-address=https://example.org/dangjian \
    -k -k__ -k_e -kesc_html__ -kesc_html_e -kesc_attr__ -kesc_attr_e \
    -k_x:1,2c -k_ex:1,2c -kesc_attr_x:1,2c -kesc_html_x:1,2c \
    -k_n:1,2 -k_nx:1,2,4c -k_n_noop:1,2 -k_nx_noop:1,2,3c \
    --files-from="$TMP/files" -o "$TMP/dangjian.pot.raw"
# Stable output: no creation date, the header file's temporary path replaced.
sed -e '/^"POT-Creation-Date:/d' -e "s#$TMP/header.php#dangjian.php#" \
    -e 's/charset=CHARSET/charset=UTF-8/' "$TMP/dangjian.pot.raw" >"$TMP/dangjian.pot"

status=0
if [ "$CHECK" = 1 ]; then
    if ! cmp -s "$TMP/dangjian.pot" "$LANG_DIR/dangjian.pot"; then
        echo "wp-i18n: php/languages/dangjian.pot is out of date (run scripts/wp-i18n.sh)" >&2
        status=1
    fi
else
    cp "$TMP/dangjian.pot" "$LANG_DIR/dangjian.pot"
fi

for po in "$LANG_DIR"/dangjian-*.po; do
    [ -f "$po" ] || continue
    name=$(basename "$po" .po)
    cp "$po" "$TMP/$name.po"
    lang=${name#dangjian-}
    set --
    for part in "$LANG_DIR"/rooms/*-"$lang".po; do
        [ -f "$part" ] && set -- "$@" --compendium="$part"
    done
    msgmerge "$@" --quiet --no-fuzzy-matching --sort-by-file --add-location=file --previous --backup=none --update \
        "$TMP/$name.po" "$TMP/dangjian.pot"
    stats=$(msgfmt --check --statistics -o "$TMP/$name.mo" "$TMP/$name.po" 2>&1)
    case "$stats" in
    *untranslated* | *fuzzy*)
        echo "wp-i18n: $name.po: $stats" >&2
        status=1
        ;;
    esac
    if [ "$CHECK" = 1 ]; then
        if ! cmp -s "$TMP/$name.po" "$po" || ! cmp -s "$TMP/$name.mo" "$LANG_DIR/$name.mo"; then
            echo "wp-i18n: php/languages/$name.po or .mo is out of date (run scripts/wp-i18n.sh)" >&2
            status=1
        fi
    else
        cp "$TMP/$name.po" "$po"
        cp "$TMP/$name.mo" "$LANG_DIR/$name.mo"
        echo "wp-i18n: $name: $stats"
    fi
done
exit $status
