/* The event page's small map, the actor page's map of its events and its monthly timeline,
   drawn from the page's data attributes with the vendored Leaflet, topojson-client and uPlot.
   No tile server: the land is Natural Earth's outlines, shipped with the site. The page lists
   the same events, so nothing is lost when a library fails to load. */
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(url + " answered " + r.status);
        return r.json();
      });
  }

  function parsed(text, fallback) {
    try { return JSON.parse(text || ""); } catch (error) { return fallback; }
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function note(frame, text) {
    var p = element("p", "map-note map-note-over", text);
    frame.appendChild(p);
  }

  function baseMap(frame) {
    var map = L.map(frame, { zoomSnap: 0.25, scrollWheelZoom: false, minZoom: 1, maxZoom: 12 });
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Natural Earth");
    map.attributionControl.addAttribution("GeoNames");
    return map;
  }

  // Land in grey, the country named by data-numeric (if any) outlined; resolves to its layer.
  function land(frame, map) {
    return getJSON(frame.dataset.atlas).then(function (topology) {
      var features = topojson.feature(topology, topology.objects.countries).features;
      var numeric = frame.dataset.numeric || "";
      L.geoJSON(features.filter(function (f) { return f.id !== numeric; }), {
        style: { className: "map-land", weight: 0.6 }, interactive: false
      }).addTo(map);
      var own = features.filter(function (f) { return numeric && f.id === numeric; });
      return L.geoJSON(own, {
        style: { className: "map-country", weight: 1.2 }, interactive: false
      }).addTo(map);
    });
  }

  function pointIcon(size) {
    return L.divIcon({ className: "map-point map-point-event", iconSize: [size, size] });
  }

  function drawEvent(frame) {
    var point = parsed(frame.dataset.point, null);
    var map = baseMap(frame);
    if (!point) { map.setView([20, 0], 1); return; }
    var at = [point.lat, point.lon];
    land(frame, map).then(function (outline) {
      L.marker(at, { icon: pointIcon(18), title: point.label, alt: point.label, keyboard: false })
        .addTo(map);
      var bounds = outline.getBounds();
      // The country around the point, but never so far out that the point is lost in it.
      if (bounds.isValid()) {
        map.fitBounds(bounds.extend(at), { padding: [12, 12], maxZoom: 7 });
        if (map.getZoom() < 3) map.setView(at, 3);
      } else {
        map.setView(at, 5);
      }
      frame.dataset.points = "1";
      frame.dataset.ready = "true";
    }).catch(function () {
      map.setView(at, 5);
      note(frame, "The map could not be drawn; the place is named beside it.");
    });
  }

  function eventPopup(point) {
    var box = element("div", "map-popup");
    var link = element("a", "map-popup-name", point.label);
    link.href = point.url;
    box.appendChild(link);
    box.appendChild(element("span", "map-popup-admin", point.place));
    return box;
  }

  function drawEvents(frame) {
    var points = parsed(frame.dataset.points, []);
    var map = baseMap(frame);
    land(frame, map).then(function () {
      var group = L.featureGroup();
      points.forEach(function (p) {
        var marker = L.marker([p.lat, p.lon], {
          icon: pointIcon(14), title: p.label + ", " + p.place, alt: p.label, keyboard: true,
          riseOnHover: true
        });
        marker.bindPopup(function () { return eventPopup(p); }, { maxWidth: 280 });
        group.addLayer(marker);
      });
      group.addTo(map);
      var bounds = group.getBounds();
      // Far enough out that a few close points still show the country around them.
      if (points.length === 1) map.setView([points[0].lat, points[0].lon], 4);
      else if (bounds.isValid()) map.fitBounds(bounds.pad(0.2), { padding: [16, 16], maxZoom: 5 });
      else map.setView([20, 0], 1);
      frame.dataset.drawn = String(points.length);
      frame.dataset.ready = "true";
    }).catch(function () {
      map.setView([20, 0], 1);
      note(frame, "The map could not be drawn; the events are listed below.");
    });
  }

  var MONTH = 30.44 * 24 * 3600;
  var MIN_SPAN = 12 * MONTH; // a short record still reads as months, not days

  function monthLabel(ts) {
    return new Date(ts * 1000).toLocaleDateString(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
  }

  function drawMonths(frame) {
    var months = parsed(frame.dataset.months, []);
    if (!months.length) return;
    var xs = months.map(function (m) { return Date.parse(m[0] + "T00:00:00Z") / 1000; });
    var ys = months.map(function (m) { return m[1]; });
    // At least a year shown, the months centred in it, so a single month has room to stand.
    var pad = Math.max(MONTH / 2, (MIN_SPAN - (xs[xs.length - 1] - xs[0])) / 2);
    xs.unshift(xs[0] - pad); ys.unshift(null);
    xs.push(xs[xs.length - 1] + pad); ys.push(null);
    var css = getComputedStyle(document.documentElement);
    var accent = css.getPropertyValue("--accent").trim() || "#a3122a";
    var muted = css.getPropertyValue("--muted").trim() || "#5a5f67";
    var rule = css.getPropertyValue("--rule").trim() || "#dedad1";
    var height = 170;
    var plot = new uPlot({
      width: frame.clientWidth,
      height: height,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: true }, y: { range: function (u, lo, hi) { return [0, Math.max(2, hi)]; } } },
      axes: [
        { stroke: muted, grid: { show: false }, ticks: { stroke: rule }, space: 70,
          values: function (u, splits) { return splits.map(monthLabel); } },
        { stroke: muted, grid: { stroke: rule, width: 1 }, ticks: { show: false },
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
          values: function (u, vals) { return vals.map(function (v) { return v.toLocaleString(); }); } }
      ],
      series: [
        { label: "Month of", value: "{MMM} {YYYY}" },
        { label: "Events", fill: accent, stroke: accent, width: 0,
          paths: uPlot.paths.bars({ size: [0.8, 28, 2], align: 0 }), points: { show: false } }
      ]
    }, [xs, ys], frame);
    if ("ResizeObserver" in window) {
      new ResizeObserver(function () {
        if (frame.clientWidth) plot.setSize({ width: frame.clientWidth, height: height });
      }).observe(frame);
    }
    frame.dataset.ready = "true";
  }

  function start() {
    if (window.L && window.topojson) {
      document.querySelectorAll("[data-map=event]").forEach(drawEvent);
      document.querySelectorAll("[data-map=events]").forEach(drawEvents);
    }
    if (window.uPlot) document.querySelectorAll("[data-months]").forEach(drawMonths);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
