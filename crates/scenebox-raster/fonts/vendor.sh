#!/usr/bin/env bash
# Re-creates this directory from the npm @fontsource/* packages.
# Usage: bash crates/scenebox-raster/fonts/vendor.sh   (needs npm + node; works in a temp dir)
set -euo pipefail
FONTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# name|version|generic
PACKAGES="
inter|5.3.0|sans-serif
roboto|5.3.0|sans-serif
open-sans|5.3.0|sans-serif
montserrat|5.3.0|sans-serif
poppins|5.3.0|sans-serif
lato|5.3.0|sans-serif
playfair-display|5.3.0|serif
space-grotesk|5.3.0|sans-serif
jetbrains-mono|5.3.0|monospace
noto-serif|5.3.0|serif
"
WANT="400-normal 500-normal 600-normal 700-normal 400-italic"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
entries=()
for line in $PACKAGES; do
  IFS='|' read -r name version generic <<<"$line"
  (cd "$TMP" && npm pack --silent "@fontsource/$name@$version" >/dev/null)
  mkdir -p "$TMP/$name" && tar xzf "$TMP/fontsource-$name-$version.tgz" -C "$TMP/$name"
  pkg="$TMP/$name/package"
  rm -rf "${FONTS_DIR:?}/$name"; mkdir -p "$FONTS_DIR/$name"
  cp "$pkg/LICENSE" "$FONTS_DIR/$name/LICENSE"
  for ws in $WANT; do
    f="$name-latin-$ws.woff2"
    if [ -f "$pkg/files/$f" ]; then cp "$pkg/files/$f" "$FONTS_DIR/$name/$f"; else echo "note: @fontsource/$name has no $f" >&2; fi
  done
  entries+=("$pkg|$generic")
done
node - "$FONTS_DIR" "${entries[@]}" >"$FONTS_DIR/manifest.json" <<'JS'
const fs = require('fs'), path = require('path');
const [dir, ...entries] = process.argv.slice(2);
const out = entries.map(e => {
  const [pkg, generic] = e.split('|');
  const meta = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  const css = fs.readFileSync(path.join(pkg, 'index.css'), 'utf8');
  const family = /font-family:\s*'([^']+)'/.exec(css)[1];
  const name = meta.name.replace('@fontsource/', '');
  const files = fs.readdirSync(path.join(dir, name)).filter(f => f.endsWith('.woff2')).map(f => {
    const m = /-latin-(\d+)-(normal|italic)\.woff2$/.exec(f);
    return { path: `${name}/${f}`, weight: Number(m[1]), style: m[2] };
  }).sort((a, b) => (a.style === b.style ? a.weight - b.weight : a.style === 'normal' ? -1 : 1));
  return { family, package: meta.name, version: meta.version, licence: meta.license, generic, files };
});
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
JS
du -sh "$FONTS_DIR"
