/* rolecraft report: renders the embedded data; no network, no dependencies.
 * The data holds the answers as rolecraft computed them (who may see what,
 * which member of each required item a user type's role inherits, the tree
 * of its bases that gives every inheritance path): this script looks them
 * up and shows them, and decides no permission itself. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("rolecraft-data").textContent);
  // Verdict codes of data.verdicts (one character per user type); HIDDEN_RO:
  // hidden, and the user type would also be refused as readonly.
  var HIDDEN = 0, VISIBLE = 1, REFUSED = 2, UNKNOWN = 3, HIDDEN_RO = 4;
  var roles = data.roles;
  var types = data.userTypes;
  var items = data.items;
  var reqs = data.requirements;
  var nT = types.length;
  var nR = roles.length;

  // ---------------------------------------------------------------- answers
  // prev[t][r]: -2 when role r is not in the tree of user type t's bases, -1
  // for its root, else the role it was reached from (data.trees).
  var prev = types.map(function (ut, t) {
    var p = new Int32Array(nR).fill(-2);
    var tree = data.trees[t];
    for (var i = 0; i < tree.length; i += 2) p[tree[i]] = tree[i + 1];
    return p;
  });
  function pathTo(t, r) {
    var p = prev[t];
    if (p[r] === -2) return null;
    var out = [];
    for (var x = r; x !== -1; x = p[x]) out.push(x);
    return out.reverse();
  }
  function roleId(r) { return roles[r][0]; }
  var reqMentions = reqs.map(function (q) {
    var set = {};
    q[0].forEach(function (i) { items[i][0].forEach(function (r) { set[r] = true; }); });
    return set;
  });
  /** The verdict of user type t for a row: visible, hidden, refused as readonly, or unknown (never shown as visible). */
  function verdict(row, t) { return row.verdicts.charCodeAt(t) - 48; }
  function actorAccess(row, t) { var a = verdict(row, t); return a === HIDDEN_RO ? HIDDEN : a; }
  function roleAccess(row, t) { return data.userRoles[row.meaningful].charAt(t) === "1" ? VISIBLE : HIDDEN; }
  function typeLabel(t) { var ut = types[t]; return ut.l === ut.v ? ut.v : ut.v + " · " + ut.l; }
  /** What is not known of a requirement, as written: its items' unknown members, then its unknown whole items, each once. */
  function unresolvedParts(q) {
    var out = [];
    q[0].forEach(function (i) { items[i][3].forEach(function (u) { if (out.indexOf(u) < 0) out.push(u); }); });
    q[3].forEach(function (u) { if (out.indexOf(u) < 0) out.push(u); });
    return out;
  }
  /** Lino's visible_for line, or `unknown (…)` as `rolecraft visible-for` prints it when a verdict is unknown. */
  function visibleFor(row) {
    var labels = [], unknown = [];
    for (var t = 0; t < nT; t++) {
      var a = actorAccess(row, t);
      if (a === VISIBLE) labels.push(types[t].l);
      else if (a === UNKNOWN) unknown.push(types[t].l);
    }
    if (unknown.length > 0) {
      var parts = ["unresolved: " + unresolvedParts(reqs[row.req]).join(", ")];
      if (labels.length > 0) parts.push("visible for: " + labels.join(" "));
      parts.push("unknown for: " + unknown.join(" "));
      return "unknown (" + parts.join("; ") + ")";
    }
    if (labels.length === 0) return "nobody";
    return labels.length === nT ? "all" : labels.join(" ");
  }

  function permissionRow(p) {
    var perm = data.permissions[p];
    return { req: perm[0], ro: perm[1] === 1, verdicts: data.verdicts[perm[2]] };
  }
  // Which cells permission tests decide (docs --coverage): one flag per user type, per row.
  var coverage = data.coverage || null;
  function coverageOf(ai, k) { return coverage ? coverage.rows[coverage.actors[ai][k]] : null; }
  function tested(row, t) { return row.cov ? row.cov.charCodeAt(t) === 49 : false; }
  var actorRows = [];
  data.actors.forEach(function (a, ai) {
    var id = data.plugins[a[1]] + "." + a[0];
    var own = permissionRow(a[2]);
    var actor = { kind: 0, id: id, name: id, plugin: data.plugins[a[1]], req: own.req, ro: true, verdicts: own.verdicts, file: a[3], line: a[4], from: a[5], actor: null, cov: coverageOf(ai, 0),
      layout: (data.layouts && data.layouts[ai]) || 0 };
    actorRows.push(actor);
    a[6].forEach(function (x, k) {
      var perm = permissionRow(x[1]);
      actorRows.push({ kind: 1, id: id + "." + x[0], name: x[0], plugin: actor.plugin, req: perm.req, ro: perm.ro, verdicts: perm.verdicts, file: a[3], line: a[4], from: a[5], actor: actor, cov: coverageOf(ai, k + 1) });
    });
  });
  var roleRows = data.meaningful.map(function (r, m) {
    var id = roleId(r);
    return { kind: 2, id: id, name: id, plugin: id.slice(0, id.indexOf(".")), role: r, meaningful: m };
  });

  // ---------------------------------------------------------------- DOM helpers
  function $(id) { return document.getElementById(id); }
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
      if (k === "text") el.textContent = attrs[k];
      else if (k === "cls") el.className = attrs[k];
      else el.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return el;
  }
  function code(text) { return h("code", { text: text }); }

  var scroller = $("scroller"), table = $("matrix"), head = $("matrix-head"), body = $("matrix-body"), cols = $("matrix-cols");
  var caption = $("matrix-caption"), statusEl = $("status"), emptyEl = $("empty");
  var panel = $("panel"), panelBody = $("panel-body"), panelTitle = $("panel-title");
  var hoverStyle = document.head.appendChild(document.createElement("style"));

  // ---------------------------------------------------------------- state
  var state = {
    view: data.hasSources ? "actors" : "roles",
    q: "", plugin: "", role: -1, access: "", actions: true, coverage: coverage !== null,
    shown: types.map(function () { return true; })
  };
  var filtered = [];      // rows passing the filters
  var shownCols = [];     // user type indices shown as columns
  var counts = [];        // per shown column: visible rows among `filtered`
  var rowH = 28;
  var rendered = { first: -1, last: -1 };
  var active = { r: 0, c: 1 };
  var selected = null;    // { row, t } of the explained cell

  // ---------------------------------------------------------------- filters
  function fillSelect(select, values) {
    values.forEach(function (v) { select.appendChild(h("option", { value: v[0], text: v[1] })); });
  }
  var pluginNames = {};
  data.plugins.forEach(function (p) { pluginNames[p] = true; });
  roleRows.forEach(function (r) { pluginNames[r.plugin] = true; });
  fillSelect($("f-plugin"), Object.keys(pluginNames).sort().map(function (p) { return [p, p]; }));
  var usedRoles = {};
  reqMentions.forEach(function (m) { for (var r in m) usedRoles[r] = true; });
  data.meaningful.forEach(function (r) { usedRoles[r] = true; });
  fillSelect($("f-role"), Object.keys(usedRoles).map(Number).sort(function (a, b) { return roleId(a) < roleId(b) ? -1 : roleId(a) > roleId(b) ? 1 : 0; })
    .map(function (r) { return [String(r), roleId(r)]; }));
  var typesList = $("types-list");
  types.forEach(function (ut, t) {
    var box = h("input", { type: "checkbox", name: "ut", value: ut.v, checked: true });
    box.addEventListener("change", function () { state.shown[t] = box.checked; update(); });
    typesList.appendChild(h("label", { title: ut.t }, [box, h("b", { text: ut.v }), ut.l === ut.v ? null : " " + ut.l]));
  });
  function setAllTypes(on) {
    state.shown = types.map(function () { return on; });
    typesList.querySelectorAll("input").forEach(function (box) { box.checked = on; });
    update();
  }
  // The user type picker closes like a menu: on a click outside it, or Escape.
  var picker = $("f-types");
  document.addEventListener("click", function (e) { if (picker.open && !picker.contains(e.target)) picker.open = false; });
  picker.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && picker.open) { picker.open = false; picker.querySelector("summary").focus(); }
  });
  $("types-all").addEventListener("click", function () { setAllTypes(true); });
  $("types-none").addEventListener("click", function () { setAllTypes(false); });
  document.querySelector("form.filters").addEventListener("submit", function (e) { e.preventDefault(); });
  var searchTimer = 0;
  $("q").addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { state.q = $("q").value; update(); }, 60);
  });
  $("f-plugin").addEventListener("change", function () { state.plugin = this.value; update(); });
  $("f-role").addEventListener("change", function () { state.role = this.value === "" ? -1 : Number(this.value); update(); });
  $("f-access").addEventListener("change", function () { state.access = this.value; update(); });
  $("f-actions").addEventListener("change", function () { state.actions = this.checked; update(); });
  if (coverage) $("f-coverage").addEventListener("change", function () { state.coverage = this.checked; update(); });
  $("reset").addEventListener("click", function () {
    $("q").value = ""; $("f-plugin").value = ""; $("f-role").value = ""; $("f-access").value = ""; $("f-actions").checked = true;
    state.q = ""; state.plugin = ""; state.role = -1; state.access = ""; state.actions = true;
    if (coverage) { $("f-coverage").checked = true; state.coverage = true; }
    setAllTypes(true);
  });

  function applyFilters() {
    var actors = state.view === "actors";
    var source = actors ? actorRows : roleRows;
    var access = actors ? actorAccess : roleAccess;
    shownCols = [];
    for (var t = 0; t < nT; t++) if (state.shown[t]) shownCols.push(t);
    counts = shownCols.map(function () { return 0; });
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    filtered = [];
    for (var i = 0; i < source.length; i++) {
      var row = source[i];
      if (actors && !state.actions && row.kind === 1) continue;
      if (state.plugin !== "" && row.plugin !== state.plugin) continue;
      if (state.role >= 0 && !(actors ? reqMentions[row.req][state.role] : row.role === state.role)) continue;
      if (terms.length) {
        var hay = row.hay || (row.hay = (row.id + " " + (actors ? reqs[row.req][2] : roles[row.role][3])).toLowerCase());
        var all = true;
        for (var k = 0; k < terms.length && all; k++) all = hay.indexOf(terms[k]) >= 0;
        if (!all) continue;
      }
      var seen = 0, refused = 0, unknown = 0, untested = 0;
      for (var c = 0; c < shownCols.length; c++) {
        var a = access(row, shownCols[c]);
        if (a === VISIBLE) seen++;
        else if (a === REFUSED) refused++;
        else if (a === UNKNOWN) unknown++;
        if (actors && coverage && !tested(row, shownCols[c])) untested++;
      }
      if (state.access === "untested" && untested === 0) continue;
      // An unknown cell may be either: a row is "some" or "none" only when that is known.
      if (state.access === "all" && !(shownCols.length > 0 && seen === shownCols.length)) continue;
      if (state.access === "some" && !(seen > 0 && seen + unknown < shownCols.length)) continue;
      if (state.access === "none" && seen + unknown > 0) continue;
      if (state.access === "refused" && refused === 0) continue;
      if (state.access === "unknown" && unknown === 0) continue;
      for (c = 0; c < shownCols.length; c++) if (access(row, shownCols[c]) === VISIBLE) counts[c]++;
      filtered.push(row);
    }
  }

  // ---------------------------------------------------------------- the grid
  function columnCount() { return shownCols.length + 2; }
  function renderHead() {
    var actors = state.view === "actors";
    var longest = 12;
    (actors ? actorRows : roleRows).forEach(function (r) { if (r.id.length > longest) longest = r.id.length; });
    cols.textContent = "";
    // Monospace ids are ~0.5rem per character at this size; long ones are cut with an ellipsis (full id on hover).
    cols.appendChild(h("col", { style: "width:" + Math.min(22, Math.max(12, longest * 0.5 + 2.75)).toFixed(1) + "rem" }));
    var colW = nT > 40 ? 2.1 : nT > 10 ? 2.25 : 2.6;
    shownCols.forEach(function () { cols.appendChild(h("col", { style: "width:" + colW + "rem" })); });
    cols.appendChild(h("col", { style: "width:" + (actors ? 30 : 24) + "rem" }));
    head.textContent = "";
    var tr = h("tr", { "aria-rowindex": 1 });
    tr.appendChild(h("th", { scope: "col", cls: "corner", text: actors ? "Actor / action" : "Role" }));
    shownCols.forEach(function (t, c) {
      var ut = types[t];
      var th = h("th", { scope: "col", cls: "ut" + (ut.ro ? " ro" : ""), "data-c": c + 1, title: ut.v + " · " + ut.n + " — " + ut.t + (ut.ro ? " (readonly)" : "") + "\nrole " + roleId(ut.r) + "\nclick for details" }, [
        h("div", { cls: "ut-inner" }, [
          h("span", { cls: "ut-name" }, [h("b", { text: ut.v }), ut.l === ut.v ? null : " " + ut.l]),
          h("span", { cls: "ut-count", text: String(counts[c]), "aria-label": counts[c] + (actors ? " visible rows" : " roles") })
        ])
      ]);
      th.addEventListener("click", function () { explainType(t); });
      tr.appendChild(th);
    });
    tr.appendChild(h("th", { scope: "col", cls: "trail", text: actors ? "Required roles" : "Bases" }));
    head.appendChild(tr);
    table.setAttribute("aria-rowcount", String(filtered.length + 1));
    table.setAttribute("aria-colcount", String(columnCount()));
    caption.textContent = actors ? "Actors and actions × user types: who may see what" : "UserRoles: roles × user types";
  }

  function rowHeaderText(row, i) {
    if (row.kind !== 1) return [row.name];
    var before = filtered[i - 1];
    var withOwner = !(before && (before === row.actor || before.actor === row.actor));
    return withOwner ? [h("span", { cls: "owner", text: row.actor.id + "." }), row.name] : ["↳ " + row.name];
  }

  function renderRows(force) {
    var n = filtered.length;
    var headH = head.offsetHeight;
    var top = scroller.scrollTop, viewH = scroller.clientHeight || 600;
    var over = 12;
    var first = Math.max(0, Math.floor((top - headH) / rowH) - over);
    var last = Math.min(n, Math.ceil((top + viewH - headH) / rowH) + over);
    if (!force && first === rendered.first && last === rendered.last) return;
    rendered = { first: first, last: last };
    var actors = state.view === "actors";
    var access = actors ? actorAccess : roleAccess;
    var frag = document.createDocumentFragment();
    var span = columnCount();
    if (first > 0) frag.appendChild(spacer(first * rowH, span));
    for (var i = first; i < last; i++) {
      var row = filtered[i];
      var tr = document.createElement("tr");
      tr.className = "k" + row.kind;
      tr.setAttribute("aria-rowindex", String(i + 2));
      tr.dataset.r = String(i);
      var incomplete = actors && !reqs[row.req][1];
      var th = h("th", { scope: "row", cls: "rh" + (incomplete ? " inc" : ""), "data-c": 0, tabindex: -1, title: row.id + (incomplete ? "\nPart of its requirement is not known: " + unresolvedParts(reqs[row.req]).join(", ") : "") }, rowHeaderText(row, i));
      tr.appendChild(th);
      for (var c = 0; c < shownCols.length; c++) {
        var a = access(row, shownCols[c]);
        var td = document.createElement("td");
        var covered = actors && state.coverage && tested(row, shownCols[c]);
        td.className = "c a" + a + (covered ? " cov" : "") + (selected && selected.row === row && selected.t === shownCols[c] ? " sel" : "");
        td.dataset.c = String(c + 1);
        td.tabIndex = -1;
        td.textContent = a === VISIBLE ? "✓" : a === REFUSED ? "ro" : a === UNKNOWN ? "?" : "";
        td.setAttribute("aria-label", accessWords(a) + (covered ? ", decided by a permission test" : ""));
        tr.appendChild(td);
      }
      var trail = actors ? reqs[row.req][2] : roles[row.role][1].map(roleId).join(", ");
      tr.appendChild(h("td", { cls: "trail", title: trail, text: trail }));
      frag.appendChild(tr);
    }
    if (last < n) frag.appendChild(spacer((n - last) * rowH, span));
    body.textContent = "";
    body.appendChild(frag);
    emptyEl.hidden = n > 0;
    // One cell is in the tab order (roving tabindex): the active one when rendered.
    var cell = cellAt(active.r, active.c) || body.querySelector("tr[data-r] td.c") || body.querySelector("tr[data-r] th");
    if (cell) cell.tabIndex = 0;
  }
  function spacer(height, span) {
    var tr = h("tr", { cls: "spacer", "aria-hidden": "true" });
    tr.appendChild(h("td", { colspan: span, style: "height:" + height + "px" }));
    return tr;
  }
  function cellAt(r, c) {
    var tr = body.querySelector('tr[data-r="' + r + '"]');
    return tr ? tr.children[c] || null : null;
  }
  function measureRowHeight() {
    var tr = body.querySelector("tr[data-r]");
    if (tr) {
      var hgt = tr.getBoundingClientRect().height;
      if (hgt > 0 && Math.abs(hgt - rowH) > 0.01) { rowH = hgt; renderRows(true); }
    }
  }

  var scheduled = false;
  scroller.addEventListener("scroll", function () {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () { scheduled = false; renderRows(false); });
  }, { passive: true });
  window.addEventListener("resize", function () { renderRows(true); });

  function update() {
    applyFilters();
    if (active.r >= filtered.length) active.r = Math.max(0, filtered.length - 1);
    if (active.c > shownCols.length + 1) active.c = shownCols.length + 1;
    renderHead();
    renderRows(true);
    measureRowHeight();
    var total = state.view === "actors" ? actorRows.length : roleRows.length;
    var noun = state.view === "actors" ? "actors and actions" : "roles";
    $("types-count").textContent = shownCols.length === nT ? "all " + nT : shownCols.length + " of " + nT;
    statusEl.textContent = "Showing " + filtered.length + " of " + total + " " + noun + " × " + shownCols.length + " of " + nT + " user types" +
      (coverage && state.view === "actors" ? " · permission tests decide " + coverage.decided + " of " + coverage.cells + " cells (" + coverage.percent + "%)" : "");
  }

  // ---------------------------------------------------------------- keyboard and pointer
  function moveTo(r, c) {
    var n = filtered.length;
    if (n === 0) return;
    r = Math.max(0, Math.min(n - 1, r));
    c = Math.max(0, Math.min(shownCols.length + 1, c));
    active = { r: r, c: c };
    var headH = head.offsetHeight;
    var rowTop = r * rowH;
    if (rowTop < scroller.scrollTop) scroller.scrollTop = rowTop;
    else if (headH + rowTop + rowH > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = headH + rowTop + rowH - scroller.clientHeight;
    renderRows(true);
    var cell = cellAt(r, c);
    if (!cell) return;
    body.querySelectorAll('[tabindex="0"]').forEach(function (el) { el.tabIndex = -1; });
    cell.tabIndex = 0;
    var stickyW = body.querySelector("th.rh") ? body.querySelector("th.rh").offsetWidth : 0;
    if (c > 0) {
      if (cell.offsetLeft < scroller.scrollLeft + stickyW) scroller.scrollLeft = cell.offsetLeft - stickyW;
      else if (cell.offsetLeft + cell.offsetWidth > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = cell.offsetLeft + cell.offsetWidth - scroller.clientWidth;
    }
    cell.focus({ preventScroll: true });
  }
  table.addEventListener("keydown", function (e) {
    var cell = e.target.closest("td.c, th.rh");
    if (!cell) return;
    var r = Number(cell.parentNode.dataset.r), c = Number(cell.dataset.c);
    var page = Math.max(1, Math.floor((scroller.clientHeight - head.offsetHeight) / rowH) - 1);
    switch (e.key) {
      case "ArrowDown": moveTo(r + 1, c); break;
      case "ArrowUp": moveTo(r - 1, c); break;
      case "ArrowRight": moveTo(r, c + 1); break;
      case "ArrowLeft": moveTo(r, c - 1); break;
      case "PageDown": moveTo(r + page, c); break;
      case "PageUp": moveTo(r - page, c); break;
      case "Home": moveTo(e.ctrlKey ? 0 : r, 0); break;
      case "End": moveTo(e.ctrlKey ? filtered.length - 1 : r, shownCols.length); break;
      case "Enter": case " ": activate(cell); break;
      default: return;
    }
    e.preventDefault();
  });
  table.addEventListener("click", function (e) {
    var cell = e.target.closest("td.c, th.rh");
    if (!cell || !cell.parentNode.dataset.r) return;
    activate(cell);
  });
  table.addEventListener("focusin", function (e) {
    var cell = e.target.closest("td.c, th.rh");
    if (cell && cell.parentNode.dataset.r) active = { r: Number(cell.parentNode.dataset.r), c: Number(cell.dataset.c) };
  });
  table.addEventListener("mouseover", function (e) {
    var cell = e.target.closest("td.c");
    if (cell && !cell.title) {
      var row = filtered[Number(cell.parentNode.dataset.r)];
      var t = shownCols[Number(cell.dataset.c) - 1];
      if (row && t !== undefined) cell.title = row.id + "\n" + typeLabel(t) + ": " + cell.getAttribute("aria-label");
    }
    var c = cell ? cell.dataset.c : "";
    hoverStyle.textContent = c ? '#matrix td.c[data-c="' + c + '"]{box-shadow:inset 0 0 0 999px var(--hover)}#matrix th.ut[data-c="' + c + '"]{background:var(--accent-soft)}' : "";
  });
  table.addEventListener("mouseleave", function () { hoverStyle.textContent = ""; });
  function activate(cell) {
    var r = Number(cell.parentNode.dataset.r), c = Number(cell.dataset.c);
    var row = filtered[r];
    if (!row) return;
    active = { r: r, c: c };
    if (c === 0) { selected = null; explainRow(row); }
    else { selected = { row: row, t: shownCols[c - 1] }; explainCell(row, shownCols[c - 1]); }
    body.querySelectorAll("td.sel").forEach(function (el) { el.classList.remove("sel"); });
    if (c > 0) cell.classList.add("sel");
  }

  // ---------------------------------------------------------------- the explanation panel
  function showPanel(title, nodes) {
    panelTitle.textContent = title;
    panelBody.textContent = "";
    nodes.forEach(function (n) { if (n) panelBody.appendChild(n); });
    panel.classList.remove("idle");
    panelBody.scrollTop = 0;
  }
  function facts(pairs) {
    var dl = h("dl", { cls: "facts" });
    pairs.forEach(function (p) {
      if (!p) return;
      dl.appendChild(h("dt", { text: p[0] }));
      dl.appendChild(h("dd", null, [typeof p[1] === "string" ? p[1] : p[1]]));
    });
    return dl;
  }
  function mroList(role, mark) {
    var ol = h("ol", { cls: "mro" });
    roles[role][2].forEach(function (r) { ol.appendChild(h("li", { cls: mark && mark[r] ? "on" : null, text: roleId(r) })); });
    return ol;
  }
  function pathNode(t, r) {
    var p = pathTo(t, r);
    return h("span", { cls: "path", text: p ? p.map(roleId).join(" → ") : "" });
  }
  function source(row) {
    if (row.file < 0) return null;
    var shown = data.files[row.file] + ":" + row.line;
    var href = data.fileHrefs[row.file];
    return href ? h("a", { href: href + "#L" + row.line, text: shown }) : code(shown);
  }
  function typeFacts(t) {
    var ut = types[t];
    return [
      ["User type", ut.v + (ut.n ? " (" + ut.n + ")" : "") + " — " + ut.t],
      ["Role", code(roleId(ut.r))],
      ["Readonly", ut.ro ? "yes: refused every action that is not readonly" : "no"]
    ];
  }

  /** Lino's visible_for line; folded when it lists many user types. */
  function visibleForNode(row) {
    var line = visibleFor(row);
    if (line.length <= 120) return h("p", null, [code(line)]);
    var n = 0;
    for (var t = 0; t < nT; t++) if (actorAccess(row, t) === VISIBLE) n++;
    return h("details", { cls: "more" }, [h("summary", { text: n + " of " + nT + " user types" + (line.indexOf("unknown (") === 0 ? ", unknown for others" : "") }), h("p", null, [code(line)])]);
  }
  function accessWords(a) {
    return a === VISIBLE ? "visible" : a === REFUSED ? "refused: readonly user type" : a === UNKNOWN ? "unknown: part of its requirement is not known" : "not visible";
  }

  function explainCell(row, t) {
    if (row.kind === 2) return explainRoleCell(row, t);
    var ut = types[t], q = reqs[row.req], a = actorAccess(row, t);
    var role = roleId(ut.r);
    var list = h("ul", { cls: "items" });
    var onPath = {};
    if (q[0].length === 0) list.appendChild(h("li", { cls: "ok" }, [h("span", { cls: "mk", text: "✓" }), h("span", { cls: "req", text: "no required roles" })]));
    q[0].forEach(function (i) {
      var item = items[i], via = item[2][t], unknown = item[3];
      if (via >= 0) (pathTo(t, via) || []).forEach(function (r) { onPath[r] = true; });
      if (via < 0 && unknown.length > 0) {
        // As `rolecraft explain` says it: what is not known, and what the role lacks of the rest.
        var known = item[0].map(roleId).filter(function (r) { return unknown.indexOf(r) < 0; });
        var lacks = known.length === 0 ? "" : "; " + role + " does not inherit " + (known.length === 1 ? known[0] : "any of " + known.join(", "));
        list.appendChild(h("li", { cls: "unk" }, [
          h("span", { cls: "mk", text: "?", "aria-label": "unknown" }),
          h("span", { cls: "req", text: item[1] }),
          h("span", { cls: "why", text: "unknown, " + unknown.join(", ") + (unknown.length === 1 ? " is" : " are") + " not known" + lacks })
        ]));
        return;
      }
      list.appendChild(h("li", { cls: via >= 0 ? "ok" : "no" }, [
        h("span", { cls: "mk", text: via >= 0 ? "✓" : "✗", "aria-label": via >= 0 ? "satisfied" : "not satisfied" }),
        h("span", { cls: "req", text: item[1] }),
        h("span", { cls: "why" }, via >= 0 ? [pathNode(t, via)] : [role + " does not inherit " + (item[0].length === 1 ? "it" : "any of them")])
      ]));
    });
    q[3].forEach(function (part) {
      list.appendChild(h("li", { cls: "unk" }, [
        h("span", { cls: "mk", text: "?", "aria-label": "unknown" }),
        h("span", { cls: "req", text: part }),
        h("span", { cls: "why", text: "unknown, could not be resolved statically" })
      ]));
    });
    var cellVerdict = verdict(row, t);
    if (cellVerdict === REFUSED || cellVerdict === HIDDEN_RO) {
      list.appendChild(h("li", { cls: "ro" }, [
        h("span", { cls: "mk", text: "✗", "aria-label": "refused" }),
        h("span", { cls: "req", text: "readonly" }),
        h("span", { cls: "why", text: "user type " + ut.v + " is readonly and " + row.id + " is not a readonly action" })
      ]));
    }
    var verdictText = a === VISIBLE ? "Visible" : a === REFUSED ? "Refused: readonly" : a === UNKNOWN ? "Unknown: part of the requirement is not known" : "Not visible";
    showPanel("Explanation", [
      h("p", { cls: "x-target", text: row.id }),
      h("p", { cls: "x-sub", text: (row.kind === 0 ? "actor (its default action, readonly)" : row.ro ? "readonly action" : "writing action") + " × user type " + typeLabel(t) }),
      h("div", { cls: "verdict v" + a, text: verdictText + " for " + typeLabel(t) }),
      coverage ? h("p", { cls: "x-sub", text: tested(row, t) ? "A permission test decides this cell." : "No permission test decides this cell." }) : null,
      facts(typeFacts(t)),
      h("h3", { text: row.kind === 1 ? "Required roles (the actor's, then the action's own)" : "Required roles" }),
      list,
      h("h3", { text: "MRO of " + role }),
      mroList(ut.r, onPath),
      h("h3", { text: "Visible for" }),
      visibleForNode(row),
      h("h3", { text: "Source" }),
      facts([
        ["Declared in", source(row) || "unknown"],
        ["Required roles", row.from === "Actor" ? "the default of Actor (core.SiteUser)" : row.from === (row.actor || row).id ? "its own requiredRoles" : "inherited from " + row.from]
      ])
    ].concat(layoutNodes(row, t)));
  }

  // The detail window as users of type t find it: the embedded answer per element
  // (found "1", not "0", unknown "3"), shown as a nested list; nothing is decided here.
  function layoutNodes(row, t) {
    if (row.kind !== 0 || !row.layout) return [];
    var kinds = { p: "panel", f: "field", s: "table" };
    function item(e) {
      var label = e[1] === "" ? "(" + e[0] + ")" : e[1] + " (" + e[0] + ")";
      var children = e[4].filter(function (c) { return c[3].charAt(t) !== "0"; });
      return h("li", { cls: e[3].charAt(t) === "3" ? "unk" : null }, [
        h("span", { text: label }),
        h("span", { cls: "why", text: " " + kinds[e[2]] + (e[3].charAt(t) === "3" ? ", unknown" : "") }),
        children.length > 0 ? h("ul", { cls: "layout" }, children.map(item)) : null
      ]);
    }
    var root = row.layout;
    var shown = root[3].charAt(t) === "0"
      ? h("p", { text: "The window shows nothing to " + typeLabel(t) + ": no tab is visible for it." })
      : h("ul", { cls: "layout" }, root[4].filter(function (c) { return c[3].charAt(t) !== "0"; }).map(item));
    return [h("h3", { text: "Detail window as " + typeLabel(t) + " sees it" }), shown];
  }

  function explainRoleCell(row, t) {
    var ut = types[t], has = roleAccess(row, t) === VISIBLE, role = roleId(ut.r);
    var onPath = {};
    (pathTo(t, row.role) || []).forEach(function (r) { onPath[r] = true; });
    var doc = roles[row.role][3];
    showPanel("Explanation", [
      h("p", { cls: "x-target", text: row.id }),
      h("p", { cls: "x-sub", text: "UserRoles row × user type " + typeLabel(t) }),
      h("div", { cls: "verdict v" + (has ? 1 : 0), text: (has ? "☑ Has this role" : "Does not have this role") + " — " + typeLabel(t) }),
      facts(typeFacts(t)),
      h("h3", { text: "Inheritance" }),
      h("ul", { cls: "items" }, [h("li", { cls: has ? "ok" : "no" }, [
        h("span", { cls: "mk", text: has ? "✓" : "✗" }),
        h("span", { cls: "req", text: row.id }),
        h("span", { cls: "why" }, has ? [pathNode(t, row.role)] : [role + " does not inherit it"])
      ])]),
      ut.ro ? h("p", { cls: "x-sub", text: "Readonly does not change this table; it only refuses actions that are not readonly." }) : null,
      h("h3", { text: "MRO of " + role }),
      mroList(ut.r, onPath),
      h("h3", { text: "Bases of " + row.id }),
      h("p", null, roles[row.role][1].length ? [code(roles[row.role][1].map(roleId).join(", "))] : ["none"]),
      doc ? h("h3", { text: "Doc" }) : null,
      doc ? h("p", { text: doc }) : null
    ]);
  }

  function seenList(row) {
    var ul = h("ul", { cls: "seen" });
    for (var t = 0; t < nT; t++) {
      var a = row.kind === 2 ? roleAccess(row, t) : actorAccess(row, t);
      ul.appendChild(h("li", { cls: "a" + a, title: accessWords(a), text: types[t].l }));
    }
    return ul;
  }
  function explainRow(row) {
    if (row.kind === 2) {
      var doc = roles[row.role][3];
      return showPanel("Role", [
        h("p", { cls: "x-target", text: row.id }),
        h("p", { cls: "x-sub", text: "a row of the UserRoles table" }),
        h("h3", { text: "User types with this role" }),
        seenList(row),
        h("h3", { text: "Bases" }),
        h("p", null, roles[row.role][1].length ? [code(roles[row.role][1].map(roleId).join(", "))] : ["none"]),
        h("h3", { text: "MRO" }),
        mroList(row.role, null),
        doc ? h("h3", { text: "Doc" }) : null,
        doc ? h("p", { text: doc }) : null
      ]);
    }
    showPanel(row.kind === 0 ? "Actor" : "Action", [
      h("p", { cls: "x-target", text: row.id }),
      h("p", { cls: "x-sub", text: row.kind === 0 ? "actor (its default action, readonly)" : row.ro ? "readonly action" : "writing action" }),
      h("h3", { text: "Required roles" }),
      h("p", null, [code(reqs[row.req][2])]),
      h("h3", { text: "Visible for" }),
      visibleForNode(row),
      seenList(row),
      h("h3", { text: "Source" }),
      facts([["Declared in", source(row) || "unknown"]])
    ]);
  }

  function explainType(t) {
    var ut = types[t];
    var n = 0;
    var access = state.view === "actors" ? actorAccess : roleAccess;
    filtered.forEach(function (row) { if (access(row, t) === VISIBLE) n++; });
    showPanel("User type", [
      h("p", { cls: "x-target", text: typeLabel(t) }),
      h("p", { cls: "x-sub", text: ut.t }),
      facts(typeFacts(t).concat([["Sees", n + " of the " + filtered.length + " rows shown"]])),
      h("h3", { text: "MRO of " + roleId(ut.r) }),
      mroList(ut.r, null)
    ]);
  }

  $("panel-close").addEventListener("click", function () {
    panel.classList.add("idle");
    selected = null;
    body.querySelectorAll("td.sel").forEach(function (el) { el.classList.remove("sel"); });
    var cell = cellAt(active.r, active.c);
    if (cell) cell.focus({ preventScroll: true });
  });
  panel.classList.add("idle");

  // ---------------------------------------------------------------- tabs
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function selectView(view) {
    tabs.forEach(function (tab) {
      var on = tab.dataset.view === view;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
    });
    var grid = view !== "types";
    $("grid-view").hidden = !grid;
    $("types-view").hidden = grid;
    $("toolbar").hidden = !grid;
    if (!grid) return;
    $("grid-view").setAttribute("aria-labelledby", "tab-" + view);
    $("actions-toggle").hidden = view !== "actors";
    document.querySelectorAll(".legend li").forEach(function (li) { li.hidden = li.dataset.view !== view; });
    $("f-access").querySelector('option[value="refused"]').hidden = view !== "actors";
    $("f-access").querySelector('option[value="unknown"]').hidden = view !== "actors";
    if (view !== "actors" && (state.access === "refused" || state.access === "unknown")) { state.access = ""; $("f-access").value = ""; }
    if (state.view !== view) {
      state.view = view;
      active = { r: 0, c: 1 };
      selected = null;
      scroller.scrollTop = 0;
    }
    update();
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { selectView(tab.dataset.view); });
    tab.addEventListener("keydown", function (e) {
      var j = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : -2;
      if (j === -2) return;
      var next = tabs[(j + tabs.length) % tabs.length];
      next.focus();
      selectView(next.dataset.view);
      e.preventDefault();
    });
  });

  // ---------------------------------------------------------------- start
  selectView(state.view);
  // For scripted use (and tests): the state, and the explanation of one cell as plain data.
  window.rolecraftReport = {
    state: state,
    rows: function () { return filtered.map(function (r) { return r.id; }); },
    path: function (typeValue, role) {
      var t = types.findIndex(function (ut) { return ut.v === typeValue; });
      var r = roles.findIndex(function (x) { return x[0] === role; });
      var p = t < 0 || r < 0 ? null : pathTo(t, r);
      return p ? p.map(roleId) : null;
    }
  };
})();
