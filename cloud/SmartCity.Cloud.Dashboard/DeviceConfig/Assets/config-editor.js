// Device configuration editor (H6): draw counting lines (with their "in" direction), zones, approach entry/exit zones,
// stop lines and calibration points on the snapshot; validate and save through the API. Coordinates are frame pixels.
(function () {
  'use strict';
  const dataEl = document.getElementById('page-data');
  const canvas = document.getElementById('editor-canvas');
  if (!dataEl || !canvas) return;
  const page = JSON.parse(dataEl.textContent);
  const ctx = canvas.getContext('2d');
  const hint = document.getElementById('hint');
  const list = document.getElementById('element-list');
  const calibBody = document.querySelector('#calib-table tbody');
  const message = document.getElementById('config-message');
  const approachName = document.getElementById('approach-name');
  const approachSide = document.getElementById('approach-side');

  const cfg = page.analytics ? JSON.parse(JSON.stringify(page.analytics)) : {};
  cfg.camera = cfg.camera || (page.device + '-cam');
  cfg.lines = cfg.lines || [];
  cfg.zones = cfg.zones || [];
  cfg.approaches = cfg.approaches || [];
  const calib = cfg.calibration || { imagePoints: [], groundPoints: [] };
  calib.imagePoints = calib.imagePoints || [];
  calib.groundPoints = calib.groundPoints || [];

  let tool = 'select';
  let draft = [];          // points of the element being drawn
  let hover = null;        // mouse position (frame pixels)
  let drag = null;         // { point: [x, y] } being moved
  let selected = null;     // { kind, index }
  const img = new Image();
  let imgReady = false;

  const HINTS = {
    select: 'Drag a point to move it. Select an element in the list to highlight it.',
    line: 'Counting line: click the start, click the end, then click on the side road users come FROM when they cross "in".',
    zone: 'Zone: click the corners in order; click the first corner again (or double-click) to close it.',
    entry: 'Entry zone of the approach named above: click the corners; close on the first corner.',
    exit: 'Exit zone of the approach named above: click the corners; close on the first corner.',
    stop: 'Stop line of the approach named above: click its two ends.',
    calib: 'Calibration: click a surveyed point on the image, then type its ground coordinates (metres) in the table.',
  };

  function round(v) { return Math.round(v * 10) / 10; }
  function toFrame(ev) {
    const r = canvas.getBoundingClientRect();
    return [round((ev.clientX - r.left) * canvas.width / r.width), round((ev.clientY - r.top) * canvas.height / r.height)];
  }
  function dist(a, b) { return Math.hypot(a[0] - b[0], a[1] - b[1]); }
  function pxTol() { return 8 * canvas.width / canvas.getBoundingClientRect().width; }

  function approach(name) {
    let a = cfg.approaches.find(function (x) { return x.name === name; });
    if (!a) {
      a = { name: name };
      if (approachSide.value) a.side = approachSide.value;
      cfg.approaches.push(a);
    }
    return a;
  }

  function setTool(t) {
    tool = t;
    draft = [];
    document.querySelectorAll('button.tool').forEach(function (b) {
      const on = b.dataset.tool === t;
      b.classList.toggle('active', on);
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
    document.getElementById('approach-pick').classList.toggle('show', t === 'entry' || t === 'exit' || t === 'stop');
    hint.textContent = HINTS[t] || '';
    draw();
  }

  function uniqueName(prefix, arr) {
    let i = arr.length + 1;
    while (arr.some(function (x) { return x.name === prefix + i; })) i++;
    return prefix + i;
  }

  function finishPolygon() {
    if (draft.length < 3) return;
    const poly = draft.slice();
    if (tool === 'zone') {
      cfg.zones.push({ name: uniqueName('zone-', cfg.zones), polygon: poly });
      selected = { kind: 'zone', index: cfg.zones.length - 1 };
    } else if (tool === 'entry' || tool === 'exit') {
      const a = approach((approachName.value || 'approach').trim());
      a[tool === 'entry' ? 'entryZone' : 'exitZone'] = poly;
    }
    draft = [];
    changed();
  }

  function click(p) {
    switch (tool) {
      case 'line':
        draft.push(p);
        if (draft.length === 3) {
          const s = draft[0], e = draft[1], side = draft[2];
          const dx = e[0] - s[0], dy = e[1] - s[1];
          const len = Math.hypot(dx, dy) || 1;
          let nx = -dy / len, ny = dx / len;
          // "in" points from the clicked side across the line.
          const mx = (s[0] + e[0]) / 2, my = (s[1] + e[1]) / 2;
          if ((side[0] - mx) * nx + (side[1] - my) * ny > 0) { nx = -nx; ny = -ny; }
          cfg.lines.push({ name: uniqueName('line-', cfg.lines), start: s, end: e, in: [Math.round(nx * 1000) / 1000, Math.round(ny * 1000) / 1000] });
          selected = { kind: 'line', index: cfg.lines.length - 1 };
          draft = [];
          changed();
        }
        break;
      case 'zone': case 'entry': case 'exit':
        if (draft.length >= 3 && dist(p, draft[0]) <= pxTol()) { finishPolygon(); return; }
        draft.push(p);
        break;
      case 'stop':
        draft.push(p);
        if (draft.length === 2) {
          approach((approachName.value || 'approach').trim()).stopLine = { start: draft[0], end: draft[1] };
          draft = [];
          changed();
        }
        break;
      case 'calib':
        calib.imagePoints.push(p);
        calib.groundPoints.push([null, null]);
        changed();
        const inputs = calibBody.querySelectorAll('input.gx');
        if (inputs.length) inputs[inputs.length - 1].focus();
        break;
    }
    draw();
  }

  function allPoints() {
    const pts = [];
    cfg.lines.forEach(function (l) { pts.push(l.start, l.end); });
    cfg.zones.forEach(function (z) { (z.polygon || []).forEach(function (q) { pts.push(q); }); });
    cfg.approaches.forEach(function (a) {
      (a.entryZone || []).forEach(function (q) { pts.push(q); });
      (a.exitZone || []).forEach(function (q) { pts.push(q); });
      if (a.stopLine) pts.push(a.stopLine.start, a.stopLine.end);
    });
    calib.imagePoints.forEach(function (q) { pts.push(q); });
    return pts;
  }

  canvas.addEventListener('mousedown', function (ev) {
    const p = toFrame(ev);
    if (tool === 'select') {
      const hit = allPoints().find(function (q) { return q && dist(q, p) <= pxTol(); });
      if (hit) drag = { point: hit };
      return;
    }
    click(p);
  });
  canvas.addEventListener('mousemove', function (ev) {
    hover = toFrame(ev);
    if (drag) { drag.point[0] = hover[0]; drag.point[1] = hover[1]; }
    draw();
  });
  window.addEventListener('mouseup', function () { if (drag) { drag = null; changed(); } });
  canvas.addEventListener('dblclick', function () { if (tool === 'zone' || tool === 'entry' || tool === 'exit') { draft.pop(); finishPolygon(); draw(); } });
  canvas.addEventListener('mouseleave', function () { hover = null; draw(); });
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { draft = []; draw(); } });
  document.querySelectorAll('button.tool').forEach(function (b) { b.addEventListener('click', function () { setTool(b.dataset.tool); }); });

  // ---- drawing ----
  function poly(points, stroke, fill, label) {
    if (!points || points.length === 0) return;
    ctx.beginPath();
    ctx.moveTo(points[0][0], points[0][1]);
    for (let i = 1; i < points.length; i++) ctx.lineTo(points[i][0], points[i][1]);
    ctx.closePath();
    ctx.fillStyle = fill; ctx.fill();
    ctx.strokeStyle = stroke; ctx.lineWidth = 2; ctx.stroke();
    if (label) text(label, centroid(points), stroke);
  }
  function centroid(pts) {
    let x = 0, y = 0;
    pts.forEach(function (p) { x += p[0]; y += p[1]; });
    return [x / pts.length, y / pts.length];
  }
  function text(s, at, color) {
    ctx.font = 'bold 13px system-ui, sans-serif';
    const w = ctx.measureText(s).width;
    ctx.fillStyle = 'rgba(0,0,0,.6)';
    ctx.fillRect(at[0] - w / 2 - 4, at[1] - 9, w + 8, 18);
    ctx.fillStyle = color; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.fillText(s, at[0], at[1]);
  }
  function segment(a, b, color, width) {
    ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]);
    ctx.strokeStyle = color; ctx.lineWidth = width; ctx.stroke();
  }
  function arrow(from, dir, color) {
    const len = 34, to = [from[0] + dir[0] * len, from[1] + dir[1] * len];
    segment(from, to, color, 3);
    const a = Math.atan2(dir[1], dir[0]);
    ctx.beginPath();
    ctx.moveTo(to[0], to[1]);
    ctx.lineTo(to[0] - 10 * Math.cos(a - 0.45), to[1] - 10 * Math.sin(a - 0.45));
    ctx.lineTo(to[0] - 10 * Math.cos(a + 0.45), to[1] - 10 * Math.sin(a + 0.45));
    ctx.closePath(); ctx.fillStyle = color; ctx.fill();
  }
  function dot(p, color, r) { ctx.beginPath(); ctx.arc(p[0], p[1], r || 4, 0, Math.PI * 2); ctx.fillStyle = color; ctx.fill(); }

  function isSel(kind, i) { return selected && selected.kind === kind && selected.index === i; }

  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (imgReady) ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    else { ctx.fillStyle = '#dfe4ea'; ctx.fillRect(0, 0, canvas.width, canvas.height); }
    cfg.approaches.forEach(function (a, i) {
      const sel = isSel('approach', i);
      poly(a.entryZone, sel ? '#ffffff' : '#2ecc71', 'rgba(46,204,113,.18)', a.entryZone ? a.name + ' in' : null);
      poly(a.exitZone, sel ? '#ffffff' : '#e74c3c', 'rgba(231,76,60,.16)', a.exitZone ? a.name + ' out' : null);
      if (a.stopLine) segment(a.stopLine.start, a.stopLine.end, '#ffffff', 3);
    });
    cfg.zones.forEach(function (z, i) { poly(z.polygon, isSel('zone', i) ? '#ffffff' : '#9b59b6', 'rgba(155,89,182,.22)', z.name); });
    cfg.lines.forEach(function (l, i) {
      const color = isSel('line', i) ? '#ffffff' : '#f1c40f';
      segment(l.start, l.end, 'rgba(0,0,0,.55)', 7);
      segment(l.start, l.end, color, 4);
      const mid = [(l.start[0] + l.end[0]) / 2, (l.start[1] + l.end[1]) / 2];
      const n = Math.hypot(l.in[0], l.in[1]) || 1;
      const dir = [l.in[0] / n, l.in[1] / n];
      arrow(mid, dir, color);
      text('in', [mid[0] + dir[0] * 48, mid[1] + dir[1] * 48], color);
      // The name sits on the side road users come from, clear of the arrow.
      text(l.name, [mid[0] - dir[0] * 18, mid[1] - dir[1] * 18], color);
    });
    calib.imagePoints.forEach(function (p, i) {
      segment([p[0] - 7, p[1]], [p[0] + 7, p[1]], '#00e5ff', 2);
      segment([p[0], p[1] - 7], [p[0], p[1] + 7], '#00e5ff', 2);
      text(String(i + 1), [p[0] + 12, p[1] - 10], '#00e5ff');
    });
    if (draft.length) {
      const color = '#ffffff';
      for (let i = 0; i < draft.length; i++) {
        dot(draft[i], color);
        if (i > 0) segment(draft[i - 1], draft[i], color, 2);
      }
      if (hover) segment(draft[draft.length - 1], hover, 'rgba(255,255,255,.7)', 1);
    }
  }

  // ---- side panels ----
  function field(value, onInput, cls) {
    const input = document.createElement('input');
    input.value = value;
    if (cls) input.className = cls;
    input.addEventListener('input', function () { onInput(input.value); draw(); });
    return input;
  }
  function removeBtn(onClick) {
    const b = document.createElement('button');
    b.type = 'button'; b.className = 'btn small'; b.textContent = '✕'; b.title = 'Remove';
    b.addEventListener('click', function () { onClick(); changed(); });
    return b;
  }
  function row(kind, index, label, nameInput, extra) {
    const div = document.createElement('div');
    div.className = 'element ' + kind + (isSel(kind, index) ? ' selected' : '');
    const tag = document.createElement('span'); tag.className = 'tag'; tag.textContent = label;
    div.appendChild(tag);
    div.appendChild(nameInput);
    if (extra) div.appendChild(extra);
    div.addEventListener('click', function (ev) { if (ev.target.tagName !== 'INPUT' && ev.target.tagName !== 'BUTTON') { selected = { kind: kind, index: index }; draw(); renderList(); } });
    return div;
  }

  function renderList() {
    list.textContent = '';
    cfg.lines.forEach(function (l, i) {
      const r = row('line', i, 'line', field(l.name, function (v) { l.name = v; }, 'name'), null);
      r.querySelector('input').id = 'line-name-' + i;
      const flip = document.createElement('button');
      flip.type = 'button'; flip.className = 'btn small'; flip.textContent = 'flip in'; flip.title = 'Reverse the "in" direction';
      flip.addEventListener('click', function () { l.in = [-l.in[0], -l.in[1]]; changed(); });
      r.appendChild(flip);
      r.appendChild(removeBtn(function () { cfg.lines.splice(i, 1); selected = null; }));
      list.appendChild(r);
    });
    cfg.zones.forEach(function (z, i) {
      const r = row('zone', i, 'zone', field(z.name, function (v) { z.name = v; }, 'name'), null);
      r.appendChild(removeBtn(function () { cfg.zones.splice(i, 1); selected = null; }));
      list.appendChild(r);
    });
    cfg.approaches.forEach(function (a, i) {
      const parts = [];
      if (a.entryZone) parts.push('entry'); if (a.exitZone) parts.push('exit'); if (a.stopLine) parts.push('stop line');
      const info = document.createElement('span'); info.className = 'muted parts'; info.textContent = (a.side || 'other') + ': ' + (parts.join(', ') || 'empty');
      const r = row('approach', i, 'approach', field(a.name, function (v) { a.name = v; }, 'name'), info);
      r.appendChild(removeBtn(function () { cfg.approaches.splice(i, 1); selected = null; }));
      list.appendChild(r);
    });
    if (!list.childElementCount) {
      const p = document.createElement('p'); p.className = 'empty'; p.textContent = 'Nothing drawn yet.'; list.appendChild(p);
    }
  }

  function renderCalib() {
    calibBody.textContent = '';
    calib.imagePoints.forEach(function (p, i) {
      const tr = document.createElement('tr');
      const g = calib.groundPoints[i] || (calib.groundPoints[i] = [null, null]);
      function td(node) { const c = document.createElement('td'); c.appendChild(node); tr.appendChild(c); }
      td(document.createTextNode(String(i + 1)));
      td(field(p[0], function (v) { p[0] = parseFloat(v); }, 'num ix'));
      td(field(p[1], function (v) { p[1] = parseFloat(v); }, 'num iy'));
      td(field(g[0] === null ? '' : g[0], function (v) { g[0] = v === '' ? null : parseFloat(v); }, 'num gx'));
      td(field(g[1] === null ? '' : g[1], function (v) { g[1] = v === '' ? null : parseFloat(v); }, 'num gy'));
      td(removeBtn(function () { calib.imagePoints.splice(i, 1); calib.groundPoints.splice(i, 1); }));
      calibBody.appendChild(tr);
    });
  }

  function changed() { renderList(); renderCalib(); draw(); }

  function show(kind, textContent) {
    message.className = 'notice ' + kind;
    message.textContent = textContent;
  }

  function payload() {
    const out = JSON.parse(JSON.stringify(cfg));
    if (calib.imagePoints.length === 0) delete out.calibration;
    else out.calibration = Object.assign({}, cfg.calibration || {}, { imagePoints: calib.imagePoints, groundPoints: calib.groundPoints });
    return out;
  }

  document.getElementById('save-config').addEventListener('click', function () {
    const body = payload();
    if (body.calibration) {
      const missing = body.calibration.groundPoints.findIndex(function (g) { return g[0] === null || g[1] === null || isNaN(g[0]) || isNaN(g[1]); });
      if (missing >= 0) { show('error', 'Calibration point ' + (missing + 1) + ' has no ground coordinates: enter them in metres or remove the point.'); return; }
    }
    show('info', 'Validating…');
    const token = (window.SmartCity && typeof window.SmartCity.csrfToken === 'function' && window.SmartCity.csrfToken()) || page.csrfToken;
    fetch(page.saveUrl, {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': token },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { ok: r.ok, status: r.status, body: j }; });
    }).then(function (res) {
      if (res.ok) show('info saved', '✔ ' + res.body.message);
      else {
        let detail = String(res.body.detail || 'no detail').trim();
        if (!/[.!?]$/.test(detail)) detail += '.';
        show('error', (res.body.title ? res.body.title + ': ' : 'Refused (' + res.status + '): ') + detail + ' Nothing was saved.');
      }
    }).catch(function (e) { show('error', 'The server could not be reached: ' + e + '. Nothing was saved.'); });
  });

  if (page.snapshotUrl) {
    img.onload = function () { imgReady = true; draw(); canvas.dataset.ready = 'true'; };
    img.src = page.snapshotUrl;
  }
  setTool('select');
  changed();
})();
