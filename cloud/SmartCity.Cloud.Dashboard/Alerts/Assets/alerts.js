// Alerts page (H6): rule presets, the unit next to the threshold, and live refresh of the alert tables.
(function () {
  'use strict';
  const form = document.getElementById('rule-form');
  const metric = document.getElementById('rule-metric');
  const unit = document.getElementById('rule-unit');

  function showUnit() {
    if (!metric || !unit) return;
    const opt = metric.options[metric.selectedIndex];
    unit.textContent = opt ? '(' + (opt.dataset.unit || '') + ')' : '';
  }

  if (metric) { metric.addEventListener('change', showUnit); showUnit(); }
  document.querySelectorAll('button.preset').forEach(function (btn) {
    btn.addEventListener('click', function () {
      if (!form) return;
      form.elements.metric.value = btn.dataset.metric;
      form.elements.comparison.value = btn.dataset.comparison;
      form.elements.threshold.value = btn.dataset.threshold;
      form.elements.durationMinutes.value = btn.dataset.duration;
      form.elements.name.value = btn.dataset.name;
      showUnit();
      form.elements.threshold.focus();
    });
  });

  function fmt(v) { return (Math.round(v * 100) / 100).toString(); }
  function time(t) { return t ? String(t).replace('T', ' ').substring(0, 16) : ''; }
  function cell(tr, text, cls) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function fill(tableId, alerts, past) {
    const body = document.querySelector('#' + tableId + ' tbody');
    if (!body) return;
    body.textContent = '';
    if (alerts.length === 0) {
      const tr = document.createElement('tr');
      tr.className = 'empty-row';
      cell(tr, past ? 'No alert has ended yet.' : 'No alert is active.', 'empty');
      tr.firstChild.colSpan = past ? 10 : 9;
      body.appendChild(tr);
      return;
    }
    alerts.forEach(function (a) {
      const tr = document.createElement('tr');
      tr.className = past ? 'past' : 'firing';
      tr.dataset.alert = a.id;
      cell(tr, a.ruleName); cell(tr, a.condition); cell(tr, a.device); cell(tr, a.site); cell(tr, a.subject);
      cell(tr, fmt(a.value), 'num value'); cell(tr, fmt(a.peak), 'num');
      cell(tr, time(a.since)); cell(tr, time(a.fired));
      if (past) cell(tr, time(a.resolved));
      body.appendChild(tr);
    });
  }

  // One request at a time; an event that arrives during a request asks for one more read after it, so the last
  // change is never lost.
  let pending = false, again = false;
  function refresh() {
    if (pending) { again = true; return; }
    pending = true;
    again = false;
    fetch('/api/v1/alerts', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        fill('active-alerts', data.active, false);
        fill('past-alerts', data.history.slice(0, 200), true);
        const count = document.getElementById('active-count');
        if (count) { count.textContent = data.active.length; count.className = 'badge ' + (data.active.length ? 'bad' : 'ok'); }
      })
      .finally(function () { pending = false; if (again) refresh(); });
  }

  // The tables were rendered before the live stream opened: read them again on a (re)connection when anything was
  // published since they were rendered, then on each alert event.
  if (window.SmartCity && window.SmartCity.live && typeof window.SmartCity.live.on === 'function') {
    window.SmartCity.live.on('alert', refresh);
    window.SmartCity.live.onConnect(function (first, changed) { if (changed) { refresh(); } });
  } else if (window.EventSource) {
    const es = new EventSource('/api/v1/live');
    es.addEventListener('alert', refresh);
    es.addEventListener('hello', refresh);
  }
})();
