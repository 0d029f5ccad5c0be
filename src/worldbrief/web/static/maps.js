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

  // A country whose outline crosses the antimeridian (Russia's Chukotka, Fiji) is drawn on one
  // side of it: its western-hemisphere points move east by 360°, so no polygon spans the world.
  // A division of such a country moves with it (``always``), even one wholly west of the line.
  function unwrapped(feature, always) {
    var g = feature.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) return feature;
    var polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    var east = false, west = false;
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        ring.forEach(function (pt) { if (pt[0] > 170) east = true; if (pt[0] < -170) west = true; });
      });
    });
    if (!(east && west) && !always) return feature;
    var shift = function (rings) {
      return rings.map(function (ring) {
        return ring.map(function (pt) { return pt[0] < 0 ? [pt[0] + 360, pt[1]] : pt; });
      });
    };
    var coordinates = g.type === "Polygon" ? shift(g.coordinates) : g.coordinates.map(shift);
    return { type: "Feature", id: feature.id, properties: feature.properties,
             geometry: { type: g.type, coordinates: coordinates } };
  }

  function east(lon, shifted) { return shifted && lon < 0 ? lon + 360 : lon; }

  function countriesOf(topology) {
    return topojson.feature(topology, topology.objects.countries).features.map(function (f) {
      return unwrapped(f);
    });
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
    // Outlines are 1:50m at best: past zoom 8 there is little more to see, and the points of
    // one town spread apart only at the last zoom, which should come while land is in view.
    var map = L.map(frame, { zoomSnap: 0.25, scrollWheelZoom: false, minZoom: 1, maxZoom: 8 });
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

  function typeClasses(frame) {
    try { return JSON.parse(frame.dataset.types || "{}"); } catch (e) { return {}; }
  }

  function typeClass(classes, type) { return classes[type] || "ev-other"; }

  function whenLabel(e) {
    if (!e.date) return "date unknown";
    var d = new Date(e.date + "T00:00:00Z");
    var month = d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
    if (e.date_precision === "year") return String(d.getUTCFullYear());
    if (e.date_precision === "month") return month + " " + d.getUTCFullYear();
    var day = d.getUTCDate() + " " + month + " " + d.getUTCFullYear();
    return e.date_precision === "week" ? "week of " + day : day;
  }

  function sameOrigin(url) {
    var target = new URL(url, location.href);
    return target.pathname + target.search;
  }

  // The popup of one event: what, when (as precisely as known), where and who, a link to its
  // page, then the articles reporting it, asked for when the popup opens.
  function eventPopup(e, marker, classes) {
    var box = element("div", "map-popup map-popup-event");
    var head = element("p", "map-popup-type");
    head.appendChild(element("span", "event-swatch " + typeClass(classes, e.type)));
    head.appendChild(document.createTextNode(e.type));
    box.appendChild(head);
    var title = element("a", "map-popup-name", e.subtype);
    title.href = sameOrigin(e.url);
    box.appendChild(title);
    box.appendChild(element("span", "map-popup-date", whenLabel(e) +
      (e.date_precision && e.date_precision !== "day" ? " (date known to the " + e.date_precision + ")" : "")));
    box.appendChild(element("span", "map-popup-admin", e.place));
    if (e.actors.length) box.appendChild(element("p", "map-popup-actors", e.actors.slice(0, 6).join(", ")));
    if (e.fatalities) box.appendChild(element("p", "map-popup-count", plural(e.fatalities, "death reported", "deaths reported")));
    box.appendChild(element("p", "map-popup-count", plural(e.source_count, "article reports it", "articles report it")));
    var list = element("ul", "map-popup-articles");
    box.appendChild(list);
    getJSON(e.api_url).then(function (data) {
      data.sources.slice(0, 5).forEach(function (a) {
        var item = element("li");
        var link = element("a", null, a.title);
        link.href = sameOrigin(a.url);
        item.appendChild(link);
        item.appendChild(element("span", "map-popup-date", a.published_at.slice(0, 10)));
        list.appendChild(item);
      });
      marker.getPopup().update();
    }).catch(function () {
      list.appendChild(element("li", null, "The articles could not be loaded."));
    });
    var more = element("a", "map-popup-more", "Open the event");
    more.href = sameOrigin(e.url);
    box.appendChild(more);
    return box;
  }

  function eventLayer(events, classes, shifted) {
    var cluster = L.markerClusterGroup({
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: function (c) {
        var n = c.getChildCount();
        return L.divIcon({ html: "<span>" + n + "</span>", className: "event-cluster",
                           iconSize: [30 + Math.min(14, n), 30 + Math.min(14, n)] });
      }
    });
    events.forEach(function (e) {
      var label = e.subtype + ", " + whenLabel(e) + ", " + e.place;
      var marker = L.marker([e.lat, east(e.lon, shifted)], {
        icon: L.divIcon({ className: "map-event " + typeClass(classes, e.type), iconSize: [16, 16] }),
        title: label, alt: label, keyboard: true, riseOnHover: true
      });
      marker.eventId = e.id;
      var content = null;
      marker.bindPopup(function () {
        content = content || eventPopup(e, marker, classes);
        return content;
      }, { maxWidth: 300 });
      cluster.addLayer(marker);
    });
    return cluster;
  }

  // The week's reading of each division, from the table under the map: code -> row values.
  function divisionReadings() {
    var readings = new Map();
    document.querySelectorAll("[data-division-table] tr[data-code]").forEach(function (row) {
      if (row.dataset.code) readings.set(row.dataset.code, row.dataset);
    });
    return readings;
  }

  // First-level outlines (ids are GeoNames admin1 codes), shaded by the week's reading, drawn
  // over the country's fill and under every point. A missing file leaves the map as it was.
  function drawDivisions(map, frame, topology, shifted) {
    if (!topology) return;
    var readings = divisionReadings();
    var shapes = topojson.feature(topology, topology.objects.divisions).features.map(function (f) {
      return unwrapped(f, shifted);
    });
    var shaded = 0;
    L.geoJSON(shapes, {
      style: function (f) {
        var r = f.id ? readings.get(f.id) : null;
        if (r) shaded += 1;
        return { className: "map-division" + (r ? " division-" + r.shade : ""), weight: 0.7 };
      },
      onEachFeature: function (f, layer) {
        var r = f.id ? readings.get(f.id) : null;
        var name = (f.properties && f.properties.name) || "";
        if (!name) return;
        layer.bindTooltip(r ? name + ": " + plural(Number(r.current), "event", "events") +
          " this week against " + r.average + " a week · " +
          r.label.toLowerCase() : name, { sticky: true });
      }
    }).addTo(map);
    frame.dataset.divisionShapes = String(shapes.length);
    frame.dataset.shadedDivisions = String(shaded);
  }

  function drawCountry(frame) {
    var map = baseMap(frame);
    map.attributionControl.addAttribution("GeoNames");
    var classes = typeClasses(frame);
    var asked = [getJSON(frame.dataset.atlas), getJSON(frame.dataset.places),
                 frame.dataset.events ? getJSON(frame.dataset.events) : null,
                 frame.dataset.divisions ? getJSON(frame.dataset.divisions).catch(function () { return null; }) : null];
    Promise.all(asked).then(function (got) {
      var features = countriesOf(got[0]);
      var places = got[1].places;
      var events = got[2] ? got[2].events : [];
      var own = features.filter(function (f) { return f.id === frame.dataset.numeric; });
      L.geoJSON(features.filter(function (f) { return f.id !== frame.dataset.numeric; }), {
        style: { className: "map-land", weight: 0.6 }, interactive: false
      }).addTo(map);
      var outline = L.geoJSON(own, {
        style: { className: "map-country", weight: 1.4 }, interactive: false
      }).addTo(map);
      // The country moved east of the antimeridian (the United States, Russia, Fiji): so do its
      // divisions and its points.
      var shifted = own.length > 0 && outline.getBounds().getEast() > 180;
      drawDivisions(map, frame, got[3], shifted);
      // The country's edge over its divisions' fills, without a fill of its own.
      if (got[3]) L.geoJSON(own, { style: { className: "map-country-edge", weight: 1.4 }, interactive: false }).addTo(map);
      var most = Math.max.apply(null, [1].concat(places.map(function (p) { return p.article_count; })));
      var cluster = L.markerClusterGroup({
        maxClusterRadius: 32, showCoverageOnHover: false, spiderfyOnMaxZoom: true
      });
      places.forEach(function (p) {
        var size = Math.round(14 + 14 * Math.sqrt(p.article_count / most));
        var label = p.name + ": " + plural(p.article_count, "article", "articles");
        var marker = L.marker([p.lat, east(p.lon, shifted)], {
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
      var eventCluster = eventLayer(events, classes, shifted);
      map.addLayer(eventCluster);
      L.control.layers(null, { "Events": eventCluster, "Places in articles": cluster },
                       { collapsed: false, position: "topright" }).addTo(map);
      var bounds = own.length ? outline.getBounds() : cluster.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
      else map.setView([20, 0], 1);
      if (!places.length && !events.length) {
        note(frame, "No event has been read in this country and no place in it is named in a stored article yet.");
      } else if (!events.length) {
        note(frame, "No event placed in this country has been read from a stored article yet; the points are places articles name.");
      }
      frame.dataset.points = String(places.length);
      frame.dataset.eventPoints = String(events.length);
      frame.dataset.ready = "true";
      frame.worldbriefMap = { map: map, cluster: cluster, events: eventCluster };
    }).catch(function () {
      map.setView([20, 0], 1);
      note(frame, "The map could not be drawn; the places are listed beside it.");
    });
  }

  var SHADES = 5;
  var ARROWS = { deteriorated: "↑", improved: "↓", unchanged: "→" };

  function shade(count, most) {
    if (!count) return 0;
    return Math.max(1, Math.ceil(SHADES * Math.sqrt(count / most)));
  }

  function drawChoropleth(frame) {
    var shares = new Map();
    document.querySelectorAll("[data-choropleth] tr[data-numeric]").forEach(function (row) {
      if (!row.dataset.numeric) return;
      shares.set(row.dataset.numeric, {
        name: row.dataset.name, url: row.dataset.url, count: Number(row.dataset.count),
        arrow: row.dataset.arrow || ""
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
          layer.bindTooltip(s.name + ": " + plural(s.count, "event", "events") +
            (s.arrow ? " · month: " + s.arrow.toLowerCase() : ""), { sticky: true });
          layer.on("click", function () { location.assign(s.url); });
        }
      }).addTo(map);
      // Each country's monthly arrow, on the country (its table row says it in words).
      region.eachLayer(function (layer) {
        var s = shares.get(layer.feature.id);
        var symbol = ARROWS[s.arrow.toLowerCase()];
        if (!symbol) return;
        L.marker(layer.getBounds().getCenter(), {
          interactive: false, keyboard: false,
          icon: L.divIcon({ className: "map-arrow arrow-" + s.arrow.toLowerCase(),
                            html: symbol, iconSize: [18, 18] })
        }).addTo(map);
      });
      var bounds = region.getBounds();
      function fit() {
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
        else map.setView([20, 0], 1, { animate: false });
      }
      fit();
      if ("ResizeObserver" in window) {
        var width = frame.clientWidth, height = frame.clientHeight;
        new ResizeObserver(function () {
          if (frame.clientWidth === width && frame.clientHeight === height) return;
          width = frame.clientWidth; height = frame.clientHeight;
          map.invalidateSize({ animate: false, pan: false }); fit();
        }).observe(frame);
      }
      frame.dataset.ready = "true";
    }).catch(function () {
      map.setView([20, 0], 1);
      note(frame, "The map could not be drawn; the counts are in the table below.");
    });
  }

  var WEEK = 7 * 24 * 3600;

  // Weekly events stacked by type (bars), with the articles of each week as dots on their own
  // scale. uPlot has no stacking of its own: each type's bar is drawn up to the running total
  // of the types below it, the tallest first, so each shows as its own band.
  function drawTimeline(frame) {
    var classes = typeClasses(frame);
    getJSON(frame.dataset.timeline).then(function (data) {
      var xs = data.weeks.map(function (w) { return Date.parse(w.week + "T00:00:00Z") / 1000; });
      var articles = data.weeks.map(function (w) { return w.article_count == null ? null : w.article_count; });
      var running = xs.map(function () { return 0; });
      var stacked = [];
      (data.event_types || []).forEach(function (t) {
        running = running.map(function (v, i) { return v + t.counts[i]; });
        stacked.push(running.slice());
      });
      // A week of margin each side, so a single week still has a span to stand in.
      function pad(values) { return [null].concat(values, [null]); }
      xs = [xs[0] - WEEK].concat(xs, [xs[xs.length - 1] + WEEK]);
      var css = getComputedStyle(document.documentElement);
      var muted = css.getPropertyValue("--muted").trim() || "#5a5f67";
      var rule = css.getPropertyValue("--rule").trim() || "#dedad1";
      var ink = css.getPropertyValue("--ink").trim() || "#1d1f23";
      var bars = uPlot.paths.bars({ size: [0.8, 24, 1], align: 1 });
      var series = [{ label: "Week of", value: "{D} {MMM} {YYYY}" }];
      var columns = [xs];
      // The bottom type first in the data, but drawn last: uPlot draws series in order.
      for (var k = stacked.length - 1; k >= 0; k--) {
        var t = data.event_types[k];
        var colour = css.getPropertyValue("--" + typeClass(classes, t.type)).trim() || muted;
        series.push({ label: t.type, fill: colour, stroke: colour, width: 0, paths: bars,
                      points: { show: false }, scale: "y",
                      value: (function (counts) {
                        return function (u, v, si, i) { return i == null || i === 0 || i > counts.length ? "–" : counts[i - 1]; };
                      })(t.counts) });
        columns.push(pad(stacked[k]));
      }
      var hasArticles = articles.some(function (v) { return v; });
      if (hasArticles) {
        series.push({ label: "Articles", stroke: ink, width: 0, scale: "n", paths: function () { return null; },
                      points: { show: true, size: 5, fill: ink, stroke: ink, filter: function (u, si) {
                        return u.data[si].map(function (v, i) { return v ? i : null; }).filter(function (i) { return i !== null; });
                      } } });
        columns.push(pad(articles));
      }
      var height = 220;
      var axes = [
        { stroke: muted, grid: { show: false }, ticks: { stroke: rule } },
        { stroke: muted, grid: { stroke: rule, width: 1 }, ticks: { show: false }, scale: "y",
          label: stacked.length ? "Events" : "", labelSize: 18,
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
          values: function (u, vals) { return vals.map(function (v) { return v.toLocaleString(); }); } }
      ];
      if (hasArticles) {
        axes.push({ stroke: muted, side: 1, grid: { show: false }, ticks: { show: false }, scale: "n",
                    label: "Articles", labelSize: 18,
                    incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
                    values: function (u, vals) { return vals.map(function (v) { return v.toLocaleString(); }); } });
      }
      var plot = new uPlot({
        width: frame.clientWidth,
        height: height,
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: {
          x: { time: true },
          y: { range: function (u, lo, hi) { return [0, Math.max(2, hi)]; } },
          n: { range: function (u, lo, hi) { return [0, Math.max(2, hi)]; } }
        },
        axes: axes,
        series: series
      }, columns, frame);
      if ("ResizeObserver" in window) {
        new ResizeObserver(function () {
          if (frame.clientWidth) plot.setSize({ width: frame.clientWidth, height: height });
        }).observe(frame);
      }
      frame.dataset.weeks = String(data.weeks.length);
      frame.dataset.eventTypes = String(stacked.length);
      frame.dataset.events = String(data.event_count || 0);
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
