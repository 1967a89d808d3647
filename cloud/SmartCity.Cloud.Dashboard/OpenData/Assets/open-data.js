// Open-data page (H6): the download links carry the chosen range and device.
(function () {
  'use strict';
  const from = document.getElementById('od-from');
  const to = document.getElementById('od-to');
  const device = document.getElementById('od-device');
  function iso(v) { return v ? v + ':00Z' : ''; }
  function update() {
    document.querySelectorAll('a.download').forEach(function (a) {
      const q = new URLSearchParams();
      if (from && from.value) q.set('from', iso(from.value));
      if (to && to.value) q.set('to', iso(to.value));
      if (device && device.value) q.set('device', device.value);
      a.href = a.dataset.base + '?' + q.toString();
    });
  }
  [from, to, device].forEach(function (el) { if (el) el.addEventListener('change', update); });
  update();
})();
