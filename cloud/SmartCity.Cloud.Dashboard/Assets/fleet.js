/* Fleet page: re-reads the fleet fragment when a device's status, health or data arrives; health history charts. */
(function () {
  'use strict';
  var S = window.SmartCity;
  var chosen = null;

  function history() {
    var select = document.getElementById('health-device');
    if (!select || !select.value) { return; }
    if (chosen && Array.prototype.some.call(select.options, function (o) { return o.value === chosen; })) { select.value = chosen; }
    chosen = select.value;
    select.onchange = function () { chosen = select.value; history(); };
    S.fetchJson('/api/v1/devices/' + encodeURIComponent(chosen) + '/health').then(function (h) {
      var from = Date.parse(h.from), binMs = h.binSeconds * 1000;
      function chart(id, title, unit, values, color, digits) {
        S.lineChart(document.getElementById(id), {
          name: id, title: title, from: from, binMs: binMs, binCount: h.binCount, unit: unit, height: 190, digits: digits,
          series: [{ key: id, label: title, color: color, values: values }]
        });
      }
      chart('health-fps', 'Frames per second', 'frames/s', h.fps, '#2563eb', 1);
      chart('health-inference', 'Inference time', 'inference, ms', h.inferenceMs, '#7c3aed', 1);
      chart('health-cpu', 'CPU temperature', 'CPU, °C', h.cpuTemperatureC, '#dc2626', 1);
    });
  }

  var refresh = S.debounce(function () {
    fetch('/fleet?fragment=1', { headers: { Accept: 'text/html' } }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
      var root = document.getElementById('fleet-root');
      if (html && root) { root.outerHTML = html; history(); }
    });
  }, 300);
  ['status', 'health', 'traffic', 'air'].forEach(function (name) { S.live.on(name, refresh); });
  // The page was rendered before the stream opened, and a reconnect may have missed events: read it again when
  // anything was published since it was rendered.
  S.live.onConnect(function (first, changed) { if (changed) { refresh(); } });
  // Ages ("5 min ago") drift while the page is open: refresh once a minute as well.
  setInterval(refresh, 60000);
  history();
})();
