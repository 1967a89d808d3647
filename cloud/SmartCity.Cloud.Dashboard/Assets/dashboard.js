/* SmartCity dashboard script: SVG charts, live updates (server-sent events), small helpers. Written in-house, no dependencies. */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var MIN = 60000, HOUR = 3600000, DAY = 86400000;

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    if (attrs) { for (var k in attrs) { if (attrs[k] !== undefined && attrs[k] !== null) { e.setAttribute(k, attrs[k]); } } }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function esc(s) {
    return String(s === undefined || s === null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function fmtTime(ms) { var d = new Date(ms); return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()); }
  function fmtDay(ms) { var d = new Date(ms); return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()]; }
  function fmtDateTime(ms) { var d = new Date(ms); return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + fmtTime(ms) + ' UTC'; }
  function fmtNum(v, digits) {
    if (v === null || v === undefined || isNaN(v)) { return '—'; }
    var d = digits === undefined ? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2) : digits;
    return Number(v).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 });
  }
  function niceStep(range, ticks) {
    var raw = range / Math.max(1, ticks), p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
  }

  /**
   * Draws a time-series line chart into container.
   * spec: { from (ms), binMs, binCount, unit, series: [{key,label,color,values}], coverage: [share|null], flags: [{seriesKey,bin,flags,flaggedSamples}],
   *         refs: [{label,value,color}], height, onZoom(fromMs, toMs), name, digits }
   * Values are read back by tests from data-values on each path (empty = no data).
   */
  function lineChart(container, spec) {
    container.innerHTML = '';
    var W = Math.max(320, Math.round(container.clientWidth || 900)), H = spec.height || 280;
    var ml = 62, mr = 18, mt = 14, mb = 40, pw = W - ml - mr, ph = H - mt - mb;
    var n = spec.binCount, binMs = spec.binMs, from = spec.from, to = from + n * binMs;
    var series = spec.series || [];
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': (spec.title || 'Chart') + ', ' + spec.unit,
      'data-chart': spec.name || '', 'data-from': from, 'data-bin-ms': binMs, 'data-bin-count': n, 'data-unit': spec.unit }, container);
    var defs = el('defs', null, svg);
    var hatch = el('pattern', { id: 'nodata-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
    el('rect', { width: 6, height: 6, fill: '#f1f5f9' }, hatch);
    el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#cbd5e1', 'stroke-width': 2 }, hatch);

    var max = 0, min = 0, any = false;
    series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) { any = true; if (v > max) { max = v; } if (v < min) { min = v; } } }); });
    (spec.refs || []).forEach(function (r) { if (r.value > max && r.value < max * 3 + 1) { max = r.value; } });
    if (!any && n > 0) { max = 1; }
    var step = niceStep((max - min) || 1, 5), yMax = Math.ceil(max / step) * step || step, yMin = Math.floor(min / step) * step;
    function X(i) { return ml + (i + 0.5) * pw / n; }
    function Xt(ms) { return ml + (ms - from) / (to - from) * pw; }
    function Y(v) { return mt + ph - (v - yMin) / (yMax - yMin) * ph; }

    // Gaps: bins where no series has a value are hatched, so "no data" never reads as zero.
    var gAxis = el('g', { 'class': 'axis' }, svg);
    var noData = [];
    for (var i = 0; i < n; i++) {
      var has = false;
      for (var k = 0; k < series.length && !has; k++) { has = series[k].values[i] !== null; }
      if (spec.coverage && spec.coverage[i] !== null && spec.coverage[i] !== undefined) { has = true; }
      noData.push(!has);
    }
    var gGap = el('g', { 'class': 'gaps' }, svg);
    for (i = 0; i < n;) {
      if (!noData[i]) { i++; continue; }
      var j = i; while (j < n && noData[j]) { j++; }
      el('rect', { 'class': 'nodata', x: ml + i * pw / n, y: mt, width: (j - i) * pw / n, height: ph, 'data-from-bin': i, 'data-to-bin': j - 1 }, gGap);
      i = j;
    }
    if (spec.coverage) {
      var gCov = el('g', { 'class': 'coverage-band' }, svg);
      spec.coverage.forEach(function (c, b) {
        if (c !== null && c < 0.999) {
          var r = el('rect', { 'class': 'coverage', x: ml + b * pw / n, y: mt, width: Math.max(1, pw / n), height: ph, 'data-bin': b, 'data-share': c }, gCov);
          el('title', null, r).textContent = Math.round(c * 100) + ' % of the cameras reported in this bin: the sum is partial';
        }
      });
    }

    for (var t = yMin; t <= yMax + step / 2; t += step) {
      el('line', { 'class': t === 0 ? 'baseline' : 'gridline', x1: ml, x2: ml + pw, y1: Y(t), y2: Y(t) }, gAxis);
      el('text', { x: ml - 8, y: Y(t) + 4, 'text-anchor': 'end' }, gAxis).textContent = fmtNum(t, step < 1 ? 1 : 0);
    }
    var yt = el('text', { 'class': 'axis-title', transform: 'translate(14 ' + (mt + ph / 2) + ') rotate(-90)', 'text-anchor': 'middle' }, gAxis);
    yt.textContent = spec.unit;
    // Time ticks: the smallest step that leaves ~90 px per label.
    var steps = [15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];
    var tStep = steps[steps.length - 1];
    for (var s = 0; s < steps.length; s++) { if ((to - from) / steps[s] <= pw / 90) { tStep = steps[s]; break; } }
    for (var tt = Math.ceil(from / tStep) * tStep; tt <= to; tt += tStep) {
      var x = Xt(tt);
      el('line', { 'class': 'gridline', x1: x, x2: x, y1: mt, y2: mt + ph }, gAxis);
      var midnight = tt % DAY === 0;
      var label = tStep >= DAY ? fmtDay(tt) : midnight ? fmtDay(tt) : fmtTime(tt);
      var tx = el('text', { x: x, y: mt + ph + 16, 'text-anchor': 'middle' }, gAxis);
      tx.textContent = label;
      if (midnight && tStep < DAY) { tx.setAttribute('font-weight', '700'); }
    }
    el('text', { 'class': 'axis-title', x: ml + pw, y: H - 4, 'text-anchor': 'end' }, gAxis).textContent = 'Time (UTC)';

    (spec.refs || []).forEach(function (r) {
      if (r.value > yMax) { return; }
      el('line', { 'class': 'refline', x1: ml, x2: ml + pw, y1: Y(r.value), y2: Y(r.value), stroke: r.color, 'data-ref': r.value }, svg);
      var rl = el('text', { 'class': 'reflabel', x: ml + pw - 4, y: Y(r.value) - 4, 'text-anchor': 'end', fill: r.color }, svg);
      rl.textContent = r.label;
    });

    var gSeries = el('g', { 'class': 'series-group' }, svg);
    series.forEach(function (sr) {
      var d = '', pen = false;
      sr.values.forEach(function (v, b) {
        if (v === null) { pen = false; return; }
        d += (pen ? 'L' : 'M') + X(b).toFixed(1) + ' ' + Y(v).toFixed(1);
        pen = true;
      });
      el('path', { 'class': 'series', d: d || 'M0 0', stroke: sr.color, 'data-series': sr.key, 'data-label': sr.label,
        'data-values': sr.values.map(function (v) { return v === null ? '' : v; }).join(',') }, gSeries);
      // A value with no neighbour would be an invisible zero-length line: draw it as a dot.
      sr.values.forEach(function (v, b) {
        if (v !== null && (b === 0 || sr.values[b - 1] === null) && (b === n - 1 || sr.values[b + 1] === null)) {
          el('circle', { cx: X(b), cy: Y(v), r: 2.5, fill: sr.color }, gSeries);
        }
      });
    });

    if (spec.flags && spec.flags.length) {
      var gFlags = el('g', { 'class': 'flags' }, svg);
      spec.flags.forEach(function (f) {
        var c = el('circle', { 'class': 'flag', cx: X(f.bin), cy: mt + 5, r: 4, 'data-bin': f.bin, 'data-series': f.seriesKey, 'data-flags': f.flags.join(' ') }, gFlags);
        el('title', null, c).textContent = 'QA: ' + f.flags.join(', ') + ' (' + f.flaggedSamples + ' samples) — ' + fmtDateTime(from + f.bin * binMs);
      });
    }

    // Interaction: cursor with values, drag to zoom.
    var cursor = el('line', { 'class': 'cursor', y1: mt, y2: mt + ph, x1: -10, x2: -10 }, svg);
    var zoom = el('rect', { 'class': 'zoom', y: mt, height: ph, x: 0, width: 0, visibility: 'hidden' }, svg);
    var overlay = el('rect', { x: ml, y: mt, width: pw, height: ph, fill: 'transparent', style: 'cursor: crosshair' }, svg);
    var tip = document.createElement('div'); tip.className = 'tooltip'; tip.style.display = 'none'; container.appendChild(tip);
    function binAt(evt) {
      var r = svg.getBoundingClientRect(), px = (evt.clientX - r.left) * W / r.width;
      return Math.max(0, Math.min(n - 1, Math.floor((px - ml) / pw * n)));
    }
    var dragFrom = null;
    overlay.addEventListener('mousemove', function (evt) {
      var b = binAt(evt), x = X(b);
      cursor.setAttribute('x1', x); cursor.setAttribute('x2', x);
      if (dragFrom !== null) {
        var a = Math.min(dragFrom, b), z = Math.max(dragFrom, b);
        zoom.setAttribute('x', ml + a * pw / n); zoom.setAttribute('width', (z - a + 1) * pw / n); zoom.setAttribute('visibility', 'visible');
      }
      var rows = series.slice(0, 12).map(function (sr) {
        return '<div><span class="sw" style="background:' + esc(sr.color) + '"></span>' + esc(sr.label) + ': <b>' +
          (sr.values[b] === null ? 'no data' : fmtNum(sr.values[b], spec.digits)) + '</b></div>';
      }).join('');
      tip.innerHTML = '<div><b>' + fmtDateTime(from + b * binMs) + '</b> – ' + fmtTime(from + (b + 1) * binMs) + '</div>' + rows +
        '<div class="muted">' + esc(spec.unit) + '</div>';
      tip.style.display = 'block';
      var r = container.getBoundingClientRect(), left = evt.clientX - r.left + 14;
      if (left + tip.offsetWidth > r.width) { left = evt.clientX - r.left - tip.offsetWidth - 14; }
      tip.style.left = left + 'px'; tip.style.top = (evt.clientY - r.top + 10) + 'px';
    });
    overlay.addEventListener('mouseleave', function () { tip.style.display = 'none'; cursor.setAttribute('x1', -10); cursor.setAttribute('x2', -10); });
    overlay.addEventListener('mousedown', function (evt) { if (spec.onZoom) { dragFrom = binAt(evt); evt.preventDefault(); } });
    window.addEventListener('mouseup', function up(evt) {
      if (dragFrom === null) { return; }
      var b = binAt(evt), a = Math.min(dragFrom, b), z = Math.max(dragFrom, b);
      dragFrom = null; zoom.setAttribute('visibility', 'hidden');
      if (z - a >= 1 && spec.onZoom) { window.removeEventListener('mouseup', up); spec.onZoom(from + a * binMs, from + (z + 1) * binMs); }
    });

    var legend = document.createElement('div'); legend.className = 'legend';
    legend.innerHTML = series.map(function (sr) {
      return '<span data-legend="' + esc(sr.key) + '"><i style="background:' + esc(sr.color) + '"></i>' + esc(sr.label) + '</span>';
    }).join('') + (spec.flags && spec.flags.length ? '<span><i class="flag-key"></i>QA flag</span>' : '') +
      (noData.some(function (x) { return x; }) ? '<span><i style="background:#cbd5e1;height:9px"></i>no data</span>' : '') +
      (spec.coverage && spec.coverage.some(function (c) { return c !== null && c < 0.999; }) ? '<span><i style="background:#fcd9a8;height:9px"></i>some cameras not reporting (partial sum)</span>' : '');
    container.appendChild(legend);
    if (!series.length) {
      var p = document.createElement('p'); p.className = 'empty'; p.textContent = 'No data in this range.'; container.appendChild(p);
    }
    return svg;
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if (!r.ok) { var e = new Error((body && (body.detail || body.title)) || ('HTTP ' + r.status)); e.status = r.status; throw e; }
        return body;
      });
    });
  }
  function csrfToken() { var m = document.querySelector('meta[name="csrf-token"]'); return m ? m.getAttribute('content') : null; }
  function postJson(url, body) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' }, t = csrfToken();
    if (t) { headers['X-CSRF-TOKEN'] = t; }
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' });
  }
  function pageData() { var s = document.getElementById('page-data'); return s ? JSON.parse(s.textContent) : {}; }
  function debounce(fn, ms) { var t = null; return function () { clearTimeout(t); t = setTimeout(fn, ms); }; }

  /**
   * A page's reads of its view from url (+ '?' + query). load(query) starts a read; the latest read started is the
   * one rendered, so a slow read never overwrites a newer one. refresh() reads the current query again (debounced),
   * after the read in flight if there is one: an event that arrives while a read is in flight is not lost. Before the
   * first load, refresh() does nothing.
   */
  function viewReader(url, onView, onError) {
    var current = null, started = 0, busy = 0, again = false;
    function load(query) {
      current = query || '';
      var n = ++started;
      busy++;
      return fetchJson(url + (current ? '?' + current : '')).then(
        function (v) { if (n === started) { onView(v); } },
        function (e) { if (n === started) { onError(e); } }
      ).finally(function () {
        // Also after a rendering error: a read must never stay counted as in flight.
        busy--;
        if (again && busy === 0) { again = false; load(current); }
      });
    }
    var refresh = debounce(function () {
      if (current === null) { return; }
      if (busy > 0) { again = true; } else { load(current); }
    }, 150);
    return { load: load, refresh: refresh };
  }

  // Live updates: one EventSource per page; features subscribe by event name.
  // The server subscribes a stream before it sends "hello", so a page that re-reads its data on every hello (onConnect)
  // misses nothing that happened before the stream opened or while it was reconnecting. The hello carries the server's
  // live generation (a count of everything published) and the page was rendered with the one of its time, so a page
  // can tell whether anything was published between its rendering and its first connection.
  var live = (function () {
    var source = null, handlers = {}, connectFns = [], hellos = 0;
    var indicator = document.getElementById('live-indicator');
    var rendered = indicator ? indicator.getAttribute('data-generation') : null;
    function state(s, text) { if (indicator) { indicator.setAttribute('data-state', s); indicator.querySelector('span').textContent = text; } }
    function connect() {
      if (source || !window.EventSource) { return; }
      source = new EventSource('/api/v1/live');
      source.addEventListener('hello', function (e) {
        state('live', 'live');
        var first = hellos++ === 0, generation = null;
        try { generation = JSON.parse(e.data).generation; } catch (x) { generation = null; }
        // Unknown on either side: assume something was missed.
        var changed = !first || rendered === null || generation === null || generation === undefined || String(generation) !== rendered;
        connectFns.forEach(function (fn) { fn(first, changed); });
      });
      source.onopen = function () { state('live', 'live'); };
      source.onerror = function () { state('offline', 'reconnecting'); };
      Object.keys(handlers).forEach(attach);
    }
    function attach(name) {
      if (!source || handlers[name].attached) { return; }
      handlers[name].attached = true;
      source.addEventListener(name, function (e) {
        var data = null; try { data = JSON.parse(e.data); } catch (x) { return; }
        handlers[name].fns.forEach(function (fn) { fn(data); });
      });
    }
    return {
      on: function (name, fn) { handlers[name] = handlers[name] || { fns: [], attached: false }; handlers[name].fns.push(fn); attach(name); connect(); },
      /**
       * fn(first, changed) runs each time the stream (re)opens: first is true for the page's first connection; changed
       * is true when something may have been published since the page was rendered (always true on a reconnection).
       */
      onConnect: function (fn) { connectFns.push(fn); connect(); },
      connect: connect
    };
  })();

  /** Wires a filter form: site narrows the device list, presets set the range, submit/zoom update the URL and call onChange(queryString). */
  function filterForm(form, onChange) {
    var site = form.querySelector('[name=site]'), device = form.querySelector('[name=device]');
    function narrow() {
      if (!site || !device) { return; }
      Array.prototype.forEach.call(device.options, function (o) { o.hidden = !!(site.value && o.value && o.getAttribute('data-site') !== site.value); });
      if (device.selectedOptions[0] && device.selectedOptions[0].hidden) { device.value = ''; }
    }
    function query() {
      var params = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (e) {
        if (!e.name || !e.value) { return; }
        params.set(e.name, e.type === 'datetime-local' ? e.value + ':00Z' : e.value);
      });
      return params.toString();
    }
    function apply() { var q = query(); history.replaceState(null, '', location.pathname + (q ? '?' + q : '')); onChange(q); }
    if (site) { site.addEventListener('change', narrow); narrow(); }
    form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
    Array.prototype.forEach.call(form.querySelectorAll('[data-preset]'), function (b) {
      b.addEventListener('click', function () {
        var hours = Number(b.getAttribute('data-preset')), now = Date.now(), end = Math.ceil(now / HOUR) * HOUR;
        setRange(end - hours * HOUR, end); apply();
      });
    });
    function setRange(fromMs, toMs) {
      form.querySelector('[name=from]').value = new Date(fromMs).toISOString().slice(0, 16);
      form.querySelector('[name=to]').value = new Date(toMs).toISOString().slice(0, 16);
    }
    return { query: query, zoom: function (a, b) { setRange(a, b); apply(); } };
  }

  window.SmartCity = {
    lineChart: lineChart, fetchJson: fetchJson, postJson: postJson, csrfToken: csrfToken, pageData: pageData, live: live,
    filterForm: filterForm, debounce: debounce, viewReader: viewReader, esc: esc, fmtNum: fmtNum, fmtTime: fmtTime, fmtDay: fmtDay, fmtDateTime: fmtDateTime
  };
  document.addEventListener('DOMContentLoaded', function () { live.connect(); });
})();
