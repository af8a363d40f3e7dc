// Where a feedback is (issue 16 point 2): the phone's position, asked only when the citizen presses the
// button, or a point tapped on the map, which is built (and its tiles fetched) only when asked for; the marker
// can be dragged. Fills the latitude and longitude fields,
// which work by themselves without this file (and the place field serves without any of it).
// The map (Leaflet, vendored) works without tiles: a plain grid, the picked point still stored.
(function () {
  "use strict";

  function number(value) {
    var n = parseFloat(String(value || "").replace(",", "."));
    return isFinite(n) ? n : null;
  }

  function pair(text) {
    var parts = String(text || "").split(",").map(parseFloat);
    return parts.every(isFinite) ? parts : null;
  }

  function tiles(map, box) {
    var url = box.getAttribute("data-tiles");
    if (url) {
      window.L.tileLayer(url, { maxZoom: 19, attribution: box.getAttribute("data-attribution") || "" }).addTo(map);
    } else {
      map.getContainer().classList.add("no-tiles");
    }
  }

  function setUp(box) {
    if (box.getAttribute("data-ready") || !window.L) { return; }
    box.setAttribute("data-ready", "1");
    var latField = box.querySelector("[name=latitude]");
    var lngField = box.querySelector("[name=longitude]");
    var status = box.querySelector("[data-location-status]");
    var button = box.querySelector("[data-locate]");
    var opener = box.querySelector("[data-show-map]");
    var holder = box.querySelector("[data-location-map]");
    var tools = box.querySelector("[data-location-tools]");
    var bounds = pair(box.getAttribute("data-bounds"));
    var center = pair(box.getAttribute("data-center")) || [0, 0];
    if (tools) { tools.hidden = false; }
    // The map (and its tiles, fetched from the tile server) only once the person asks for it: pressing "Show the
    // map" or "Use my location". Opening the form sends nothing to a third party.
    var map = null;
    var marker = null;

    function say(key) {
      if (status) { status.textContent = box.getAttribute("data-msg-" + key) || ""; }
    }

    function inside(lat, lng) {
      return !bounds || (lat >= bounds[0] && lat <= bounds[2] && lng >= bounds[1] && lng <= bounds[3]);
    }

    function showMarker(lat, lng, zoom) {
      if (!marker) {
        marker = window.L.marker([lat, lng], { draggable: true, keyboard: true, title: box.getAttribute("data-msg-marker") || "" }).addTo(map);
        marker.on("dragend", function () {
          var p = marker.getLatLng();
          put(p.lat, p.lng);
        });
      } else {
        marker.setLatLng([lat, lng]);
      }
      map.setView([lat, lng], zoom || map.getZoom());
    }

    function put(lat, lng, zoom) {
      latField.value = lat.toFixed(6);
      lngField.value = lng.toFixed(6);
      if (map) { showMarker(lat, lng, zoom); }
      say(inside(lat, lng) ? "placed" : "outside");
    }

    function openMap() {
      if (map) { return; }
      holder.hidden = false;
      if (opener) { opener.hidden = true; }
      map = window.L.map(holder, { scrollWheelZoom: false }).setView(center, number(box.getAttribute("data-zoom")) || 14);
      tiles(map, box);
      map.on("click", function (event) { put(event.latlng.lat, event.latlng.lng); });
      var lat = number(latField.value), lng = number(lngField.value);
      if (lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) { showMarker(lat, lng, 17); }
    }

    if (opener) { opener.addEventListener("click", openMap); }
    [latField, lngField].forEach(function (input) {
      input.addEventListener("change", function () {
        var lat = number(latField.value), lng = number(lngField.value);
        if (lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) { put(lat, lng); }
      });
    });

    if (button) {
      if (!navigator.geolocation) {
        button.hidden = true;
      }
      button.addEventListener("click", function () {
        say("locating");
        navigator.geolocation.getCurrentPosition(function (position) {
          openMap();
          put(position.coords.latitude, position.coords.longitude, 17);
          if (inside(position.coords.latitude, position.coords.longitude)) { say("found"); }
        }, function (error) {
          say(error && error.code === 1 ? "denied" : "unavailable");
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }
  }

  // A point shown to staff: a small map that does not move.
  function showPoint(box) {
    if (box.getAttribute("data-ready") || !window.L) { return; }
    box.setAttribute("data-ready", "1");
    var point = pair(box.getAttribute("data-point"));
    if (!point) { return; }
    box.hidden = false;
    var map = window.L.map(box, { dragging: false, scrollWheelZoom: false, doubleClickZoom: false, touchZoom: false,
                                  boxZoom: false, keyboard: false, zoomControl: false }).setView(point, 17);
    tiles(map, box);
    window.L.marker(point, { keyboard: false }).addTo(map);
  }

  function scan(root) {
    if (!root || !root.querySelectorAll) { return; }
    if (root.matches && root.matches("[data-location]")) { setUp(root); }
    root.querySelectorAll("[data-location]").forEach(setUp);
    root.querySelectorAll("[data-location-point]").forEach(showPoint);
  }

  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  // The form comes back from htmx (a 422 re-render) without running its scripts: set the new one up.
  document.addEventListener("htmx:load", function (event) { scan(event.detail && event.detail.elt); });
})();
