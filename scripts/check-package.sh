#!/bin/bash
# check-package.sh - the extension as PIE (the PHP Installer for Extensions) builds it: from the
# package's source archive (what `git archive` exports of HEAD: composer.json, config.m4, src/ ...),
# phpize, ./configure with the composer.json's configure option, make; then the built module is
# loaded and answers. Prints "N passed, N failed".
#
# PIE itself is not installable here (not on this machine's Packagist copy), so this script runs the
# steps PIE runs for a "php-ext" package built from source (download the archive, phpize,
# configure, make), with the same inputs it would read from composer.json.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok - $*"; }
no() { FAIL=$((FAIL + 1)); echo "not ok - $*"; }
WORKDIR=$(mktemp -d)
trap 'rm -rf "$WORKDIR"' EXIT

# 1. composer.json: a php-ext package that names this extension and an option config.m4 knows.
read -r name type opt < <(php -r '
    $j = json_decode(file_get_contents("composer.json"), true, 512, JSON_THROW_ON_ERROR);
    echo ($j["php-ext"]["extension-name"] ?? ""), " ", ($j["type"] ?? ""), " ",
        ($j["php-ext"]["configure-options"][0]["name"] ?? ""), "\n";') || true
[ "$type" = php-ext ] && ok "composer.json type is php-ext" || no "composer.json type is '$type'"
[ "$name" = dangjian ] && ok "extension-name is dangjian" || no "extension-name is '$name'"
if grep -q "PHP_ARG_ENABLE(\[$name\]" config.m4 && grep -q -- "--$opt" config.m4; then
    ok "config.m4 defines --$opt"
else
    no "config.m4 does not define --$opt for $name"
fi

# 2. The archive PIE would download: the committed tree (work-tree changes are not in it).
if git archive --format=tar HEAD | tar -x -C "$WORKDIR"; then
    ok "git archive of HEAD extracts"
else
    no "git archive failed"
    echo "$PASS passed, $FAIL failed"
    exit 1
fi
[ -f "$WORKDIR/config.m4" ] && [ -f "$WORKDIR/composer.json" ] && ok "the archive holds config.m4 and composer.json at its root" \
    || no "config.m4 or composer.json missing from the archive root"

# 3. PIE's build steps, in the extracted folder.
log=$WORKDIR/build.log
if (cd "$WORKDIR" && phpize && ./configure "--$opt" && make -j"${JOBS:-2}") >"$log" 2>&1; then
    ok "phpize, ./configure --$opt, make"
else
    tail -30 "$log"
    no "the build from the archive failed"
fi

# 4. The module it built loads and answers.
so=$WORKDIR/modules/$name.so
if [ -f "$so" ] && out=$(php -n -d "extension=$so" -r 'echo extension_loaded("dangjian") ? Dangjian\VERSION : "no";' 2>&1) \
    && [ "$out" != no ] && [ -n "$out" ]; then
    ok "modules/$name.so loads (version $out)"
else
    no "modules/$name.so does not load: ${out:-missing}"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
