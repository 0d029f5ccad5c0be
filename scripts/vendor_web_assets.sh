#!/usr/bin/env bash
# Vendor the map and chart libraries and the Natural Earth boundaries into the package, from
# the npm registry, with their licences. Run from the repository root; needs npm. The exact
# versions are pinned here and listed in src/worldbrief/web/static/vendor/README.md.
set -euo pipefail
dest=src/worldbrief/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
packages=(leaflet@1.9.4 leaflet.markercluster@1.5.3 uplot@1.6.32 topojson-client@3.1.0 world-atlas@2.0.2)
(cd "$work" && npm pack --silent "${packages[@]}" >/dev/null)
unpack() { mkdir -p "$work/$1" && tar -xzf "$work/$2" -C "$work/$1" --strip-components=1; }
unpack leaflet leaflet-1.9.4.tgz
unpack markercluster leaflet.markercluster-1.5.3.tgz
unpack uplot uplot-1.6.32.tgz
unpack topojson topojson-client-3.1.0.tgz
unpack atlas world-atlas-2.0.2.tgz
rm -rf "$dest/leaflet" "$dest/leaflet.markercluster" "$dest/uplot" "$dest/topojson-client" "$dest/world-atlas"
mkdir -p "$dest/leaflet/images" "$dest/leaflet.markercluster" "$dest/uplot" "$dest/topojson-client" "$dest/world-atlas"
cp "$work/leaflet/dist/leaflet.js" "$work/leaflet/dist/leaflet.css" "$work/leaflet/LICENSE" "$dest/leaflet/"
cp "$work"/leaflet/dist/images/*.png "$dest/leaflet/images/"
cp "$work/markercluster/dist/leaflet.markercluster.js" "$work/markercluster/dist/MarkerCluster.css" \
   "$work/markercluster/dist/MarkerCluster.Default.css" "$work/markercluster/MIT-LICENCE.txt" \
   "$dest/leaflet.markercluster/"
cp "$work/uplot/dist/uPlot.iife.min.js" "$work/uplot/dist/uPlot.min.css" "$work/uplot/LICENSE" "$dest/uplot/"
cp "$work/topojson/dist/topojson-client.min.js" "$work/topojson/LICENSE" "$dest/topojson-client/"
cp "$work/atlas/countries-50m.json" "$work/atlas/countries-110m.json" "$work/atlas/LICENSE" "$dest/world-atlas/"
# Source maps are not shipped: the comment that names one would make browsers ask for it.
sed -i -e '/^\/\/# sourceMappingURL=/d' "$dest/leaflet/leaflet.js" "$dest/leaflet.markercluster/leaflet.markercluster.js"
echo "vendored into $dest"
