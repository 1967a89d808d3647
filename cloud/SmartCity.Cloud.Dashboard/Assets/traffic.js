/* Traffic page: counts chart, totals, turning-movement tables with PHF, queue and speed charts, CSV link, live refresh. */
(function () {
  'use strict';
  var S = window.SmartCity, esc = S.esc;
  var form = document.getElementById('traffic-filter');
  var data = S.pageData();
  var view = null, filter = null;
  var GROUP = { 'class': 'class', line: 'line / movement', direction: 'direction / turn', device: 'device' };
  var reader = S.viewReader('/api/v1/traffic', function (v) { render(v); }, function (e) {
    document.getElementById('counts-chart').innerHTML = '<div class="notice error" role="alert">' + esc(e.message) + '</div>';
  });

  function load(qs) {
    document.getElementById('csv-link').href = '/api/v1/traffic.csv' + (qs ? '?' + qs : '');
    return reader.load(qs);
  }

  function render(v) {
    view = v;
    var from = Date.parse(v.from), binMs = v.binSeconds * 1000;
    document.getElementById('counts-title').textContent = (v.kind === 'movement' ? 'Turning movements' : 'Line crossings') + ' by ' + GROUP[v.group];
    document.getElementById('counts-meta').textContent = S.fmtDateTime(from) + ' – ' + S.fmtDateTime(Date.parse(v.to)) + ' · ' +
      (v.site ? 'site ' + v.site : v.devices.length + ' device' + (v.devices.length === 1 ? '' : 's'));
    document.getElementById('counts-chart').setAttribute('data-rendered-at', String(Date.now()));
    S.lineChart(document.getElementById('counts-chart'), {
      name: 'counts', title: 'Traffic counts', from: from, binMs: binMs, binCount: v.binCount, unit: v.unit, series: v.series,
      coverage: v.coverage, height: 300, digits: 0, onZoom: filter.zoom
    });
    var grand = v.series.reduce(function (a, s) { return a + s.total; }, 0);
    document.getElementById('counts-totals').innerHTML = v.series.length ? '<table class="data totals" id="totals-table"><thead><tr><th>' + esc(GROUP[v.group]) +
      '</th><th class="num">Total</th><th class="num">Share</th></tr></thead><tbody>' + v.series.map(function (s) {
        return '<tr data-key="' + esc(s.key) + '"><td><span class="dot" style="background:' + esc(s.color) + ';margin-left:0"></span> ' + esc(s.label) +
          '</td><td class="num" data-value="' + s.total + '">' + S.fmtNum(s.total, 0) + '</td><td class="num">' + (grand ? S.fmtNum(100 * s.total / grand, 1) + ' %' : '—') + '</td></tr>';
      }).join('') + '</tbody><tfoot><tr><td>All</td><td class="num">' + S.fmtNum(grand, 0) + '</td><td></td></tr></tfoot></table>' : '';

    var note = document.getElementById('detail-note');
    var detailCards = [document.getElementById('tmc-card'), document.getElementById('queue-chart').closest('.grid-2')];
    if (!v.detail) {
      note.innerHTML = '<div class="notice info">' + esc(v.detailNote) + '</div>';
      detailCards.forEach(function (c) { c.style.display = 'none'; });
      return;
    }
    note.innerHTML = '';
    detailCards.forEach(function (c) { c.style.display = ''; });
    renderTmc(v.detail.turning);
    S.lineChart(document.getElementById('queue-chart'), {
      name: 'queue', title: 'Longest queue', from: from, binMs: binMs, binCount: v.binCount, unit: 'Longest queue, ' + v.detail.queueUnit,
      series: v.detail.queues, height: 240, digits: 1, onZoom: filter.zoom
    });
    S.lineChart(document.getElementById('speed-chart'), {
      name: 'speed', title: 'Mean speed', from: from, binMs: binMs, binCount: v.binCount, unit: 'Mean speed, ' + v.detail.speedUnit,
      series: v.detail.speeds, height: 240, digits: 1, onZoom: filter.zoom
    });
  }

  function renderTmc(tables) {
    var box = document.getElementById('tmc-tables');
    if (!tables.length) { box.innerHTML = '<p class="empty">No turning movements counted in this range.</p>'; return; }
    box.innerHTML = tables.map(function (t) {
      var head = '<h3 class="small" style="margin:12px 0 6px">' + esc(t.device) + ' — ' + (t.peakHourStart
        ? 'peak hour ' + S.fmtDateTime(Date.parse(t.peakHourStart)) + ' · ' + S.fmtNum(t.peakHourVolume, 0) + ' road users · PHF <b data-phf="' + t.phf + '">' + S.fmtNum(t.phf, 2) + '</b>'
        : 'no complete hour with data') + '</h3>';
      var rows = t.approaches.map(function (a) {
        return '<tr data-approach="' + esc(a.approach) + '"><td><b>' + esc(a.approach) + '</b></td><td class="num">' + a.left + '</td><td class="num">' + a.through +
          '</td><td class="num">' + a.right + '</td><td class="num">' + a.uTurn + '</td><td class="num"><b>' + a.peakHourTotal + '</b></td><td class="num" data-phf="' +
          (a.phf === null ? '' : a.phf) + '">' + S.fmtNum(a.phf, 2) + '</td><td class="num">' + S.fmtNum(a.rangeTotal, 0) + '</td></tr>';
      }).join('');
      return head + '<div class="table-wrap"><table class="data tmc" data-device="' + esc(t.device) + '"><thead><tr><th>Approach</th><th class="num">Left</th>' +
        '<th class="num">Through</th><th class="num">Right</th><th class="num">U-turn</th><th class="num">Peak hour<br>road users</th><th class="num">PHF</th>' +
        '<th class="num">Whole range<br>road users</th></tr></thead><tbody>' + rows + '</tbody></table></div>';
    }).join('');
  }

  filter = S.filterForm(form, load);
  if (data.api) { load(data.api.split('?')[1] || ''); }

  // A new interval from a device in view: read the view again (the store is the source of truth). Before the first
  // view has arrived, any interval may be one its read missed: read again after it.
  // After a reconnect, or when something was published between this page's rendering and its first connection,
  // events may have been missed: read the view again.
  S.live.onConnect(function (first, changed) { if (changed) { reader.refresh(); } });
  S.live.on('traffic', function (e) {
    if (!view) { reader.refresh(); return; }
    var start = Date.parse(e.start);
    if (view.devices.indexOf(e.device) >= 0 && start < Date.parse(view.to) && Date.parse(e.ts) > Date.parse(view.from)) { reader.refresh(); }
  });
})();
