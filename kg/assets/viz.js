/* kg viz: the page's behaviour.  All text from the graph enters the DOM via textContent
   (never as markup) and vis-network tooltips are DOM elements, because names come from
   the news and may hold markup. */
(function () {
  "use strict";
  const kgDoc = window.document;
  var body = document.body;
  var panel = kgDoc.getElementById("panel");

  function el(tag, cls, text) {
    var e = kgDoc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function norm(s) { return String(s).normalize("NFKC").trim().toLowerCase(); }

  try {
    var data = JSON.parse(kgDoc.getElementById("kg-data").textContent);
    var classInfo = {};
    data.classes.forEach(function (c) { classInfo[c[0]] = { zh: c[1], color: c[2] }; });
    var nodesRaw = data.nodes, edgesRaw = data.edges;
    var big = nodesRaw.length > 400;

    /* relations of each node, for the node panel */
    var incident = nodesRaw.map(function () { return []; });
    edgesRaw.forEach(function (e, i) { incident[e[0]].push(i); if (e[2] !== e[0]) incident[e[2]].push(i); });

    var typeOn = {};
    var boxes = document.querySelectorAll("input[data-class]");
    Array.prototype.forEach.call(boxes, function (b) { typeOn[b.getAttribute("data-class")] = b.checked; });
    var ctxBox = kgDoc.getElementById("show-context");
    var showContext = ctxBox ? ctxBox.checked : true;

    function hiddenNow(n) { return !typeOn[n.top] || (n.ctx === 1 && !showContext); }

    function nodeTip(n) {
      var d = el("div");
      d.appendChild(el("strong", null, n.label));
      d.appendChild(document.createTextNode(" · " + typeText(n)));
      return d;
    }
    function typeText(n) {
      var top = classInfo[n.top] ? classInfo[n.top].zh : n.top;
      var sub = n.cls !== n.top ? (data.subclasses[n.cls] || n.cls) : null;
      return sub ? top + " / " + sub : top;
    }
    function relText(e) {
      var p = data.predicates[e[1]];
      return nodesRaw[e[0]].label + " " + (p ? p[0] : e[1]) + " " + nodesRaw[e[2]].label;
    }

    var degree = incident.map(function (l) { return l.length; });
    var visNodes = new vis.DataSet(nodesRaw.map(function (n, i) {
      return {
        id: i, label: n.short || n.label, x: n.x, y: n.y, group: n.top,
        size: Math.min(8 + 2.2 * Math.sqrt(degree[i]), 26),
        title: nodeTip(n), hidden: hiddenNow(n)
      };
    }));
    var visEdges = new vis.DataSet(edgesRaw.map(function (e, i) {
      var p = data.predicates[e[1]] || [e[1], true];
      var t = el("div", null, relText(e));
      var edge = {
        id: i, from: e[0], to: e[2], label: p[0], title: t,
        arrows: p[1] ? { to: { enabled: true, scaleFactor: 0.6 } } : { to: { enabled: false } },
        dashes: !p[1]
      };
      if (e[4]) edge.smooth = { enabled: true, type: "curvedCW", roundness: e[4] };
      return edge;
    }));

    var groups = {};
    data.classes.forEach(function (c) {
      groups[c[0]] = { color: { background: c[2], border: c[2], highlight: { background: c[2], border: "#111" },
                                hover: { background: c[2], border: "#111" } } };
    });
    var font = getComputedStyle(body).fontFamily;
    var options = {
      autoResize: true,
      groups: groups,
      nodes: {
        shape: "dot",
        borderWidth: 1,
        font: { face: font, size: 14, color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
        scaling: { label: { drawThreshold: 7 } }
      },
      edges: {
        color: { color: "#a5adb7", highlight: "#24292f", hover: "#57606a", inherit: false },
        width: 1,
        selectionWidth: 2,
        smooth: false,
        font: { face: font, size: 11, color: "#57606a", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" }
      },
      physics: { enabled: false },
      layout: { improvedLayout: false, randomSeed: 1 },
      interaction: {
        hover: !big, tooltipDelay: 250, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
        navigationButtons: false, keyboard: false, multiselect: false
      }
    };
    var container = kgDoc.getElementById("graph");
    var userMoved = false;
    var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, options);

    function applyFilters() {
      var changes = [];
      nodesRaw.forEach(function (n, i) {
        var h = hiddenNow(n);
        if (visNodes.get(i).hidden !== h) changes.push({ id: i, hidden: h });
      });
      if (changes.length) visNodes.update(changes);
    }
    Array.prototype.forEach.call(boxes, function (b) {
      b.addEventListener("change", function () { typeOn[b.getAttribute("data-class")] = b.checked; applyFilters(); });
    });
    if (ctxBox) ctxBox.addEventListener("change", function () { showContext = ctxBox.checked; applyFilters(); });

    /* ---- detail panel ---- */
    function nodeLink(i) {
      var b = el("button", "link", nodesRaw[i].label);
      b.type = "button";
      b.addEventListener("click", function () { focusNode(i); });
      return b;
    }
    function docTag(a) {
      var art = data.articles[a];
      var t = el("span", "doc", art ? art[0] : "?");
      if (art && art[1]) t.title = art[1];  /* a plain DOM attribute: shown as text */
      return t;
    }
    function evidenceList(ev) {
      if (!ev.length) return el("p", "none", "（无原文证据，例如来自地名表的层级关系）");
      var ul = el("ul", "ev");
      ev.forEach(function (s) {
        var sent = data.sentences[s];
        var li = el("li");
        if (sent[0] >= 0) li.appendChild(docTag(sent[0]));
        li.appendChild(document.createTextNode(sent[1]));
        ul.appendChild(li);
      });
      return ul;
    }
    function relationLine(e, self) {
      var p = data.predicates[e[1]];
      var line = el("div", "rel");
      [e[0], null, e[2]].forEach(function (part, k) {
        if (k === 1) { line.appendChild(el("strong", null, " " + (p ? p[0] : e[1]) + (p && p[1] ? " → " : " ↔ "))); return; }
        line.appendChild(part === self ? el("span", null, nodesRaw[part].label) : nodeLink(part));
      });
      return line;
    }
    function heading(n) {
      var h = el("h3", null, n.label);
      var type = el("div", "type");
      var sw = el("span", "swatch");
      sw.style.background = classInfo[n.top] ? classInfo[n.top].color : "#999";
      type.appendChild(sw);
      type.appendChild(document.createTextNode(typeText(n) + " (" + n.cls + ")"));
      return [h, type];
    }
    function showNode(i) {
      var n = nodesRaw[i];
      clear(panel);
      heading(n).forEach(function (x) { panel.appendChild(x); });
      panel.appendChild(el("div", "iri", n.iri));
      panel.appendChild(el("h2", null, "别名"));
      panel.appendChild(n.aliases.length ? el("p", null, n.aliases.join("、")) : el("p", "none", "无"));
      panel.appendChild(el("h2", null, "提及它的文章（" + n.articles.length + "）"));
      if (n.articles.length) {
        var p = el("p");
        n.articles.forEach(function (a) { p.appendChild(docTag(a)); });
        panel.appendChild(p);
      } else {
        panel.appendChild(el("p", "none", n.ctx ? "无（仅作为上级地区出现）" : "无"));
      }
      panel.appendChild(el("h2", null, "关系（" + incident[i].length + "）"));
      if (!incident[i].length) panel.appendChild(el("p", "none", "无"));
      incident[i].forEach(function (k) {
        panel.appendChild(relationLine(edgesRaw[k], i));
        panel.appendChild(evidenceList(edgesRaw[k][3]));
      });
    }
    function showEdge(k) {
      var e = edgesRaw[k];
      var p = data.predicates[e[1]];
      clear(panel);
      panel.appendChild(el("h3", null, (p ? p[0] : e[1]) + "（" + e[1] + "）"));
      panel.appendChild(relationLine(e, -1));
      panel.appendChild(el("h2", null, "原文证据（" + e[3].length + "）"));
      panel.appendChild(evidenceList(e[3]));
    }
    function showHint(text) { clear(panel); panel.appendChild(el("p", "hint", text)); }

    network.on("click", function (params) {
      if (params.nodes.length) showNode(params.nodes[0]);
      else if (params.edges.length) showEdge(params.edges[0]);
    });

    /* ---- search ---- */
    function focusNode(i) {
      var n = nodesRaw[i];
      if (!typeOn[n.top]) {
        typeOn[n.top] = true;
        Array.prototype.forEach.call(boxes, function (b) { if (b.getAttribute("data-class") === n.top) b.checked = true; });
      }
      if (n.ctx === 1 && !showContext && ctxBox) { showContext = true; ctxBox.checked = true; }
      applyFilters();
      network.selectNodes([i]);
      network.focus(i, { scale: Math.max(network.getScale(), 1.1), animation: big ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
      showNode(i);
    }
    var keys = nodesRaw.map(function (n) { return [norm(n.label)].concat(n.aliases.map(norm)); });
    var datalist = kgDoc.getElementById("names");
    var seen = {};
    nodesRaw.forEach(function (n) {
      [n.label].concat(n.aliases).forEach(function (name) {
        if (seen[name]) return;
        seen[name] = 1;
        var o = kgDoc.createElement("option");
        o.value = name;
        datalist.appendChild(o);
      });
    });
    function search(raw) {
      var q = norm(raw);
      if (!q) return;
      var exact = [], partial = [];
      keys.forEach(function (ks, i) {
        if (ks.indexOf(q) >= 0) exact.push(i);
        else if (ks.some(function (k) { return k.indexOf(q) >= 0; })) partial.push(i);
      });
      var found = exact.length ? exact : partial;
      if (found.length === 1) { focusNode(found[0]); return; }
      clear(panel);
      if (!found.length) { panel.appendChild(el("p", "none", "没有找到：" + raw)); return; }
      panel.appendChild(el("h2", null, "找到 " + found.length + " 个节点"));
      var ul = el("ul");
      found.slice(0, 50).forEach(function (i) {
        var li = el("li");
        li.appendChild(nodeLink(i));
        li.appendChild(el("span", "en", " " + typeText(nodesRaw[i])));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    kgDoc.getElementById("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      search(kgDoc.getElementById("search").value);
    });
    /* page.html#node=NAME opens with that node selected: a link to one entity */
    function fromHash() {
      var h = "";
      try { h = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
      if (h.indexOf("node=") === 0) {
        kgDoc.getElementById("search").value = h.slice(5);
        search(h.slice(5));
      }
    }
    window.addEventListener("hashchange", fromHash);

    if (!nodesRaw.length) showHint("图中没有实体。");
    /* a handle for scripted checks (headless browser tests, the 2,000-node bench) */
    window.kgViz = { network: network, focusNode: focusNode, search: search, fitAll: fitAll };
    body.setAttribute("data-ready", "1");
    /* The first view: the whole graph when its labels stay readable (vis would fit the
       dots only, cutting labels at the border); otherwise the best-connected node and its
       neighbourhood at a readable size, with the "全图" button for the overview. */
    var READABLE = 0.6;
    var hub = -1;
    degree.forEach(function (d, i) {
      if (!hiddenNow(nodesRaw[i]) && (hub < 0 || d > degree[hub])) hub = i;
    });
    function fitAll(whole) {
      var b = data.bounds, w = container.clientWidth, h = container.clientHeight;
      if (!nodesRaw.length || !w || !h) return;
      var scale = Math.min(w / Math.max(b[2] - b[0], 1), h / Math.max(b[3] - b[1], 1)) * 0.92;
      if (whole === true || scale >= READABLE || hub < 0) {
        network.moveTo({ position: { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 }, scale: Math.min(scale, 1.5) });
        setZoomNote("");
      } else {
        network.moveTo({ position: { x: nodesRaw[hub].x, y: nodesRaw[hub].y }, scale: 0.85 });
        setZoomNote("已放大到关系最多的节点“" + nodesRaw[hub].label + "”附近；点“全图”看全部，滚轮缩放。");
      }
      network.redraw();
    }
    function setZoomNote(text) {
      var note = kgDoc.getElementById("zoom-note");
      note.textContent = text;
      note.hidden = !text;
    }
    kgDoc.getElementById("fit-all").addEventListener("click", function () { userMoved = true; fitAll(true); });

    /* refit when the canvas changes size (vis refits the dots only) until the user moves the view */
    network.on("dragStart", function () { userMoved = true; });
    network.on("zoom", function () { userMoved = true; });
    network.on("resize", function () { if (!userMoved) setTimeout(fitAll, 0); });
    /* not inside afterDrawing itself: vis drops redraw requests made while it draws */
    network.once("afterDrawing", function () {
      setTimeout(function () { fitAll(); fromHash(); body.setAttribute("data-drawn", "1"); }, 0);
    });
  } catch (err) {
    body.setAttribute("data-error", String(err && err.message ? err.message : err));
    clear(panel);
    panel.appendChild(el("p", null, "页面脚本出错：" + (err && err.message ? err.message : err)));
  }
})();
