/* Most: the tourism maps (Leaflet and Leaflet.markercluster, served by the portal).
 *
 * A map is a <div data-map> with its places either in a GeoJSON URL (data-geojson-url, the
 * map page) or in the element itself (data-features, a sight's or a route's page). The tile
 * server and its attribution come from the portal's settings (data-tile-url,
 * data-attribution). Points are clustered, so thousands of markers stay usable; each marker
 * and cluster carries its municipality as a class; each kind has its own shape (site.css, with
 * a legend under the map). Leaflet's own words (zoom buttons, the popup's close button, its
 * attribution link) and the clusters' names ("351 places") come translated from the page
 * (data-text-*; the plural forms by Intl.PluralRules of the page's language). Without
 * JavaScript the page lists the same places, and the element only shows its fallback text.
 */
(function () {
  "use strict";

  if (typeof L === "undefined") {
    return;
  }

  function slug(value) {
    return String(value || "").toLowerCase().replace(/[^a-z0-9-]/g, "");
  }

  function popup(properties, texts) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    box.appendChild(link);
    if (properties.category) {
      var meta = document.createElement("div");
      meta.textContent = properties.category;
      box.appendChild(meta);
    }
    if (properties.approximate) {
      var note = document.createElement("div");
      note.className = "map-popup__note";
      note.textContent = texts.approximate;
      box.appendChild(note);
    }
    return box;
  }

  function marker(latlng, properties, texts) {
    var classes = "map-marker map-marker--" + slug(properties.kind) + " map-marker--" + slug(properties.municipality);
    if (properties.approximate) {
      classes += " map-marker--approximate";
    }
    var point = L.marker(latlng, {
      icon: L.divIcon({ className: classes, iconSize: [22, 22] }),
      title: properties.name,
      alt: properties.name,
      keyboard: true,
      municipality: slug(properties.municipality)
    });
    // The popup's content is built when it opens, not for every marker while the page loads.
    point.bindPopup(function () {
      return popup(properties, texts);
    });
    return point;
  }

  var language = document.documentElement.lang || "en";
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;

  function placesName(count, texts) {
    var category = pluralRules ? pluralRules.select(count) : count === 1 ? "one" : "other";
    var pattern = texts.places[category] || texts.places.other;
    return pattern.replace("{count}", count.toLocaleString(language));
  }

  function clusterIcon(cluster, texts) {
    var municipalities = {};
    cluster.getAllChildMarkers().forEach(function (child) {
      municipalities[child.options.municipality] = true;
    });
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var classes = "marker-cluster marker-cluster-" + size;
    Object.keys(municipalities).forEach(function (name) {
      classes += " marker-cluster--" + name;
    });
    // The cluster is a button (Leaflet's keyboard markers): its name is the hidden text.
    var box = document.createElement("div");
    var number = document.createElement("span");
    number.setAttribute("aria-hidden", "true");
    number.textContent = count;
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = placesName(count, texts);
    box.appendChild(number);
    box.appendChild(name);
    return L.divIcon({
      html: box.outerHTML,
      className: classes,
      iconSize: L.point(40, 40)
    });
  }

  function show(map, data, texts) {
    // Markers are added in one addLayers call, which the cluster group splits into chunks of
    // 40 ms at most: the page stays responsive (no long task) while hundreds of places arrive.
    var clusters = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: 40,
      iconCreateFunction: function (cluster) {
        return clusterIcon(cluster, texts);
      }
    });
    var lines = L.featureGroup();
    var points = [];
    var bounds = L.latLngBounds([]);
    (data.features || []).forEach(function (feature) {
      var geometry = feature.geometry || {};
      var properties = feature.properties || {};
      if (geometry.type === "Point") {
        var latlng = L.latLng(geometry.coordinates[1], geometry.coordinates[0]);
        points.push(marker(latlng, properties, texts));
        bounds.extend(latlng);
      } else if (geometry.type === "LineString" && geometry.coordinates.length) {
        var path = geometry.coordinates.map(function (pair) {
          return L.latLng(pair[1], pair[0]);
        });
        var line = L.polyline(path, { className: "map-route map-route--" + slug(properties.municipality), weight: 4 });
        line.bindPopup(popup(properties, texts));
        lines.addLayer(line);
        // The route's start is a marker too, so that a clustered overview still shows it.
        points.push(marker(path[0], properties, texts));
        bounds.extend(line.getBounds());
      }
    });
    // The final view first, so that the clusters are computed once, for it.
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
    }
    lines.addTo(map);
    clusters.addTo(map);
    clusters.addLayers(points);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), function (container) {
    var texts = {
      approximate: container.dataset.textApproximate,
      failed: container.dataset.textLoadingFailed,
      places: {
        one: container.dataset.textPlacesOne,
        few: container.dataset.textPlacesFew,
        other: container.dataset.textPlacesOther
      }
    };
    container.textContent = "";
    container.classList.add("map--ready");
    // Both municipalities in view until the places arrive.
    var map = L.map(container, { scrollWheelZoom: false, zoomControl: false }).setView([42.97, 23.12], 7);
    L.control
      .zoom({ zoomInTitle: container.dataset.textZoomIn, zoomOutTitle: container.dataset.textZoomOut })
      .addTo(map);
    var leaflet = document.createElement("a");
    leaflet.href = "https://leafletjs.com";
    leaflet.title = container.dataset.textLeaflet;
    leaflet.textContent = "Leaflet";
    map.attributionControl.setPrefix(leaflet.outerHTML);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", container.dataset.textClosePopup);
      }
    });
    L.tileLayer(container.dataset.tileUrl, { attribution: container.dataset.attribution, maxZoom: 19 }).addTo(map);

    if (container.dataset.geojsonUrl) {
      fetch(container.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          show(map, data, texts);
          container.dataset.loaded = "true";
        })
        .catch(function () {
          var message = document.createElement("p");
          message.className = "map__error";
          message.setAttribute("role", "status");
          message.textContent = texts.failed;
          container.insertAdjacentElement("afterend", message);
        });
    } else if (container.dataset.features) {
      show(map, JSON.parse(container.dataset.features), texts);
      container.dataset.loaded = "true";
    }
  });
})();
