/* Air quality page: current indices with official colours, charts with QA flags, EU exceedances, live refresh. */
(function () {
  'use strict';
  var S = window.SmartCity, esc = S.esc;
  var form = document.getElementById('air-filter');
  var data = S.pageData();
  var view = null, filter = null;
  var reader = S.viewReader('/api/v1/air', function (v) { render(v); }, function (e) {
    document.getElementById('air-charts').innerHTML = '<div class="notice error" role="alert">' + esc(e.message) + '</div>';
  });

  function load(qs) { return reader.load(qs); }

  function tile(label, idx, extra) {
    if (!idx) { return '<div class="index-tile none"><div class="label">' + label + '</div><div class="value">—</div><div class="cat">not enough data</div></div>'; }
    return '<div class="index-tile" data-index="' + esc(label) + '" data-value="' + idx.value + '" data-color="' + esc(idx.color) + '" style="background:' + esc(idx.color) +
      ';color:' + esc(idx.textColor) + '"><div class="label">' + label + '</div><div class="value">' + idx.value + '</div><div class="cat">' + esc(idx.category) +
      ' · ' + esc(idx.pollutant) + '</div>' + (extra || '') + '</div>';
  }

  function render(v) {
    view = v;
    var from = Date.parse(v.from), binMs = v.binSeconds * 1000;
    var cur = document.getElementById('air-current');
    cur.innerHTML = v.current.length ? v.current.map(function (c) {
      return '<div class="index-card" data-device="' + esc(c.device) + '"><h3>' + esc(c.device) + '</h3><div class="index-tiles">' +
        tile('US AQI', c.usAqi) + tile('European AQI', c.eaqi ? { value: c.eaqi.value, category: c.eaqi.category, color: c.eaqi.color, textColor: c.eaqi.textColor, pollutant: c.eaqi.pollutant } : null) +
        '</div><div class="index-meta">PM2.5 NowCast <b data-field="pm25-nowcast">' + S.fmtNum(c.pm25NowCast, 1) + '</b> µg/m³ · PM10 NowCast <b>' + S.fmtNum(c.pm10NowCast, 0) +
        '</b> µg/m³<br>PM2.5 last hour <b data-field="pm25-hourly">' + S.fmtNum(c.pm25Hourly, 1) + '</b> µg/m³' + (c.hour ? ' (' + S.fmtDateTime(Date.parse(c.hour)) + ')' : '') + '</div></div>';
    }).join('') : '<p class="empty">No particulate data in the last 12 hours.</p>';

    var charts = document.getElementById('air-charts');
    charts.innerHTML = '<div class="grid-2">' + v.charts.map(function (c) {
      return '<section class="card"><div class="card-head"><h2>' + esc(c.label) + '</h2><span class="muted small">' + esc(c.unit) +
        (c.flags.length ? ' · ' + c.flags.length + ' flagged bin' + (c.flags.length === 1 ? '' : 's') : '') + '</span></div><div class="chart" id="chart-' + esc(c.quantity) + '"></div></section>';
    }).join('') + '</div>';
    v.charts.forEach(function (c) {
      S.lineChart(document.getElementById('chart-' + c.quantity), {
        name: c.quantity, title: c.label, from: from, binMs: binMs, binCount: v.binCount, unit: c.label + ', ' + c.unit, series: c.series,
        flags: c.flags, refs: c.reference, height: 240, digits: 1, onZoom: filter.zoom
      });
    });

    var ex = document.getElementById('air-exceedances');
    ex.innerHTML = v.exceedances.length ? '<div class="table-wrap"><table class="data" id="exceedance-table"><thead><tr><th>Device</th><th>Limit value</th><th>Regime</th>' +
      '<th class="num">Exceedances</th><th class="num">Allowed / year</th><th class="num">Mean so far<br><span class="unit">µg/m³</span></th><th class="num">Valid periods</th><th>State</th></tr></thead><tbody>' +
      v.exceedances.map(function (d) {
        return d.limits.map(function (l) {
          return '<tr data-device="' + esc(d.device) + '" data-limit="' + esc(l.label) + '" data-regime="' + esc(l.regime) + '"><td>' + esc(d.device) + '</td><td>' + esc(l.label) +
            '</td><td class="muted">' + esc(l.regime) + '</td><td class="num" data-field="exceedances">' + l.exceedances + '</td><td class="num">' + l.allowed + '</td><td class="num">' +
            S.fmtNum(l.annualMean, 1) + '</td><td class="num">' + l.validPeriods + '</td><td>' + (l.breached ? '<span class="breach">breached</span>' : '<span class="within">within</span>') + '</td></tr>';
        }).join('');
      }).join('') + '</tbody></table></div>' : '<p class="empty">No particulate data this year.</p>';
  }

  filter = S.filterForm(form, load);
  if (data.api) { load(data.api.split('?')[1] || ''); }
  // After a reconnect, or when something was published between this page's rendering and its first connection,
  // events may have been missed: read the view again. Before the first view has arrived, any reading may be one its
  // read missed.
  S.live.onConnect(function (first, changed) { if (changed) { reader.refresh(); } });
  S.live.on('air', function (e) {
    if (!view || (view.devices.indexOf(e.device) >= 0 && Date.parse(e.start) < Date.parse(view.to))) { reader.refresh(); }
  });
})();
