/* The country map, the region choropleth and the weekly timeline, drawn from the page's data
   attributes with the vendored Leaflet, Leaflet.markercluster, topojson-client and uPlot.
   No tile server: the land is Natural Earth's outlines, shipped with the site. Colours come
   from CSS classes, so the maps follow the page's light or dark scheme. */
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(url + " answered " + r.status);
        return r.json();
      });
  }

  function countriesOf(topology) {
    return topojson.feature(topology, topology.objects.countries).features;
  }

  function note(frame, text) {
    var p = document.createElement("p");
    p.className = "map-note map-note-over";
    p.textContent = text;
    frame.appendChild(p);
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function baseMap(frame) {
    var map = L.map(frame, { zoomSnap: 0.25, scrollWheelZoom: false, minZoom: 1, maxZoom: 13 });
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Natural Earth");
    return map;
  }

  function plural(n, one, many) {
    return n.toLocaleString() + " " + (n === 1 ? one : many);
  }

  // The popup of one place: its name and division, then the newest articles naming it, asked
  // for when the popup opens (links keep to this site's origin whatever base URL is set).
  function placePopup(place, marker) {
    var box = element("div", "map-popup");
    box.appendChild(element("strong", "map-popup-name", place.name));
    if (place.admin1 && place.admin1 !== place.name) {
      box.appendChild(element("span", "map-popup-admin", place.admin1));
    }
    box.appendChild(element("p", "map-popup-count",
      plural(place.article_count, "article names it", "articles name it")));
    var list = element("ul", "map-popup-articles");
    box.appendChild(list);
    getJSON(place.articles_url).then(function (data) {
      data.articles.forEach(function (a) {
        var item = element("li");
        var link = element("a", null, a.title);
        var target = new URL(a.url, location.href);
        link.href = target.pathname + target.search;
        item.appendChild(link);
        item.appendChild(element("span", "map-popup-date", a.published_at.slice(0, 10)));
        list.appendChild(item);
      });
      marker.getPopup().update();
    }).catch(function () {
      list.appendChild(element("li", null, "The articles could not be loaded."));
    });
    return box;
  }

  function drawCountry(frame) {
    var map = baseMap(frame);
    map.attributionControl.addAttribution("GeoNames");
    Promise.all([getJSON(frame.dataset.atlas), getJSON(frame.dataset.places)]).then(function (got) {
      var features = countriesOf(got[0]);
      var places = got[1].places;
      var own = features.filter(function (f) { return f.id === frame.dataset.numeric; });
      L.geoJSON(features.filter(function (f) { return f.id !== frame.dataset.numeric; }), {
        style: { className: "map-land", weight: 0.6 }, interactive: false
      }).addTo(map);
      var outline = L.geoJSON(own, {
        style: { className: "map-country", weight: 1.4 }, interactive: false
      }).addTo(map);
      var most = Math.max.apply(null, [1].concat(places.map(function (p) { return p.article_count; })));
      var cluster = L.markerClusterGroup({
        maxClusterRadius: 32, showCoverageOnHover: false, spiderfyOnMaxZoom: true
      });
      places.forEach(function (p) {
        var size = Math.round(14 + 14 * Math.sqrt(p.article_count / most));
        var label = p.name + ": " + plural(p.article_count, "article", "articles");
        var marker = L.marker([p.lat, p.lon], {
          icon: L.divIcon({ className: "map-point", iconSize: [size, size] }),
          title: label, alt: label, keyboard: true, riseOnHover: true
        });
        marker.placeKey = p.key;
        var content = null; // made on first opening; Leaflet asks again on every update
        marker.bindPopup(function () {
          content = content || placePopup(p, marker);
          return content;
        }, { maxWidth: 300 });
        cluster.addLayer(marker);
      });
      map.addLayer(cluster);
      var bounds = own.length ? outline.getBounds() : cluster.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
      else map.setView([20, 0], 1);
      if (!places.length) note(frame, "No place in this country is named in a stored article yet.");
      frame.dataset.points = String(places.length);
      frame.dataset.ready = "true";
      frame.worldbriefMap = { map: map, cluster: cluster };
    }).catch(function () {
      map.setView([20, 0], 1);
      note(frame, "The map could not be drawn; the places are listed beside it.");
    });
  }

  var SHADES = 5;

  function shade(count, most) {
    if (!count) return 0;
    return Math.max(1, Math.ceil(SHADES * Math.sqrt(count / most)));
  }

  function drawChoropleth(frame) {
    var shares = new Map();
    document.querySelectorAll("[data-choropleth] tr[data-numeric]").forEach(function (row) {
      if (!row.dataset.numeric) return;
      shares.set(row.dataset.numeric, {
        name: row.dataset.name, url: row.dataset.url, count: Number(row.dataset.count)
      });
    });
    var most = 1;
    shares.forEach(function (s) { most = Math.max(most, s.count); });
    var map = baseMap(frame);
    getJSON(frame.dataset.atlas).then(function (topology) {
      var features = countriesOf(topology);
      L.geoJSON(features.filter(function (f) { return !shares.has(f.id); }), {
        style: { className: "map-land", weight: 0.5 }, interactive: false
      }).addTo(map);
      var region = L.geoJSON(features.filter(function (f) { return shares.has(f.id); }), {
        style: function (f) {
          return { className: "map-share map-share-" + shade(shares.get(f.id).count, most), weight: 0.8 };
        },
        onEachFeature: function (f, layer) {
          var s = shares.get(f.id);
          layer.bindTooltip(s.name + ": " + plural(s.count, "article", "articles"), { sticky: true });
          layer.on("click", function () { location.assign(s.url); });
        }
      }).addTo(map);
      var bounds = region.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
      else map.setView([20, 0], 1);
      frame.dataset.ready = "true";
    }).catch(function () {
      map.setView([20, 0], 1);
      note(frame, "The map could not be drawn; the counts are in the table below.");
    });
  }

  var WEEK = 7 * 24 * 3600;

  function drawTimeline(frame) {
    getJSON(frame.dataset.timeline).then(function (data) {
      var xs = data.weeks.map(function (w) { return Date.parse(w.week + "T00:00:00Z") / 1000; });
      var ys = data.weeks.map(function (w) { return w.article_count; });
      // A week of margin each side, so a single week still has a span to stand in.
      xs.unshift(xs[0] - WEEK); ys.unshift(null);
      xs.push(xs[xs.length - 1] + WEEK); ys.push(null);
      var css = getComputedStyle(document.documentElement);
      var accent = css.getPropertyValue("--accent").trim() || "#a3122a";
      var muted = css.getPropertyValue("--muted").trim() || "#5a5f67";
      var rule = css.getPropertyValue("--rule").trim() || "#dedad1";
      var height = 190;
      var plot = new uPlot({
        width: frame.clientWidth,
        height: height,
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: {
          x: { time: true },
          y: { range: function (u, lo, hi) { return [0, Math.max(2, hi)]; } }
        },
        axes: [
          { stroke: muted, grid: { show: false }, ticks: { stroke: rule } },
          { stroke: muted, grid: { stroke: rule, width: 1 }, ticks: { show: false },
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
            values: function (u, vals) { return vals.map(function (v) { return v.toLocaleString(); }); } }
        ],
        series: [
          { label: "Week of", value: "{D} {MMM} {YYYY}" },
          { label: "Articles", fill: accent, stroke: accent, width: 0,
            paths: uPlot.paths.bars({ size: [0.8, 24, 1], align: 1 }), points: { show: false } }
        ]
      }, [xs, ys], frame);
      if ("ResizeObserver" in window) {
        new ResizeObserver(function () {
          if (frame.clientWidth) plot.setSize({ width: frame.clientWidth, height: height });
        }).observe(frame);
      }
      frame.dataset.weeks = String(data.weeks.length);
      frame.dataset.ready = "true";
    }).catch(function () {
      frame.appendChild(element("p", "map-note", "The timeline could not be drawn; the weeks are in the table below."));
    });
  }

  function start() {
    if (!window.L || !window.topojson || !window.uPlot) return; // a library failed: tables stay
    document.querySelectorAll("[data-map=country]").forEach(drawCountry);
    document.querySelectorAll("[data-map=choropleth]").forEach(drawChoropleth);
    document.querySelectorAll("[data-timeline]").forEach(drawTimeline);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
