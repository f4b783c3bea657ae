/* The moral-graph viewer: fetches graph.json, lays the graph out with d3-force, filters it by
 * situation, opens values cards, and exports the drawing as SVG or PNG.
 * Text from the data (written by participants) only ever goes in through textContent or
 * setAttribute, never as HTML. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var INK = "#1b1f24", MUTED = "#4a5561", EDGE = "#39424c", GOLD = "#c28a00", STAR = "#8a5a00";
  var NODE_FILL = "#cfe0f3", NODE_STROKE = "#0b5cad";
  var LABEL_SIZE = 13, LABEL_LINE = 15;

  var app = document.getElementById("graph-app");
  if (!app) return;
  var statusLine = document.getElementById("graph-status");
  var canvas = document.getElementById("graph-canvas");
  var select = document.getElementById("graph-context");
  var card = document.getElementById("value-card");
  var serverLink = document.getElementById("server-svg");
  var svgButton = document.getElementById("download-svg");
  var pngButton = document.getElementById("download-png");
  var narrow = window.matchMedia("(max-width: 61.99rem)");

  var data = null;       // graph.json
  var view = null;       // what is drawn now: {context, nodes, links, svg, zoom, bounds}
  var selectedKey = null;
  // The participant's own values (their cards joined them): marked in the drawing too.
  var ownValues = (app.dataset.ownValues || "").split(",").filter(Boolean);

  function key(id) { return String(id); }

  function setStatus(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle("error", Boolean(isError));
  }

  if (!window.d3 || !window.fetch) {
    setStatus("This browser cannot show the drawing. The list below holds the same information.", true);
    return;
  }

  fetch(app.dataset.graphUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) throw new Error(body.error || "the server answered " + response.status);
        return body;
      });
    })
    .then(function (body) {
      data = body;
      select.addEventListener("change", function () { show(select.value); });
      // Redraw only when the width changes: phones resize the height while scrolling.
      window.addEventListener("resize", debounce(function () {
        if (view && canvas.clientWidth !== view.size.width) show(view.context);
      }, 200));
      svgButton.addEventListener("click", downloadSvg);
      pngButton.addEventListener("click", downloadPng);
      document.querySelectorAll("[data-zoom]").forEach(function (button) {
        button.addEventListener("click", function () { zoomBy(button.dataset.zoom); });
      });
      svgButton.disabled = pngButton.disabled = false;
      show(select.value); // a browser may have restored the last choice
    })
    .catch(function (error) {
      setStatus("The drawing could not be loaded (" + error.message + "). The list below holds the same information.", true);
    });

  // --- what one situation shows ---------------------------------------------------------

  function subgraph(context, labelWidth) {
    var ranking = context ? data.rankings[context] || [] : [];
    var links = data.edges.filter(function (edge) { return !context || edge.contexts.indexOf(context) >= 0; });
    var keep = new Set(ranking.map(function (entry) { return key(entry.id); }));
    links.forEach(function (edge) { keep.add(key(edge.source)); keep.add(key(edge.target)); });
    var rankOf = new Map(ranking.map(function (entry) { return [key(entry.id), entry]; }));
    var nodes = data.nodes
      .filter(function (node) { return !context || keep.has(key(node.id)); })
      .map(function (node) {
        var entry = rankOf.get(key(node.id));
        return {
          key: key(node.id),
          value: node,
          // In one situation, circles show that situation's ranking scores.
          score: entry ? entry.score : node.score,
          rank: entry || null,
          isWinner: context ? node.winnerIn.indexOf(context) >= 0 : node.winnerIn.length > 0,
        };
      });
    nodes.sort(function (a, b) { return (b.score === null ? -Infinity : b.score) - (a.score === null ? -Infinity : a.score); });
    var top = Math.max.apply(null, [0].concat(nodes.map(function (n) { return n.score || 0; })));
    nodes.forEach(function (node) {
      node.r = node.score > 0 && top > 0 ? 9 + 17 * Math.sqrt(node.score / top) : 9;
      node.lines = labelLines(node.value.title, labelWidth);
      // Half the label's width, roughly (0.6 em per character): labels need room, not just circles.
      node.half = Math.max(node.r, 0.3 * LABEL_SIZE * Math.max.apply(null, node.lines.map(function (l) { return l.length; })));
    });
    var byKey = new Map(nodes.map(function (node) { return [node.key, node]; }));
    return {
      context: context,
      ranked: ranking.length,
      nodes: nodes,
      links: links.map(function (edge) {
        return { source: byKey.get(key(edge.source)), target: byKey.get(key(edge.target)), edge: edge };
      }),
    };
  }

  function layout(graph, width, height) {
    // Shape the layout like the canvas: tall on a phone, wide on a desktop.
    var aspect = Math.min(2.5, Math.max(0.5, height / width));
    var simulation = d3.forceSimulation(graph.nodes)
      .force("link", d3.forceLink(graph.links).distance(function (l) { return 50 + l.source.r + l.target.r; }).strength(0.6))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("collide", d3.forceCollide(function (n) { return Math.max(n.r + 26, n.half + 6); }).iterations(2))
      .force("x", d3.forceX(0).strength(0.08 * aspect * aspect))
      .force("y", d3.forceY(0).strength(0.06 / (aspect * aspect)))
      .stop();
    // Computed to rest before drawing: a still picture, no motion, same picture every time.
    for (var i = 0; i < 300; i++) simulation.tick();
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    graph.nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x - n.half - 4); x1 = Math.max(x1, n.x + n.half + 4);
      y0 = Math.min(y0, n.y - n.r - 12); y1 = Math.max(y1, n.y + n.r + 8 + LABEL_LINE * n.lines.length);
    });
    graph.bounds = graph.nodes.length ? { x0: x0, y0: y0, w: x1 - x0, h: y1 - y0 } : { x0: 0, y0: 0, w: 1, h: 1 };
  }

  // --- drawing -----------------------------------------------------------------------------

  function show(context) {
    var width = canvas.clientWidth || 600, height = canvas.clientHeight || 400;
    var graph = subgraph(context, narrow.matches ? 14 : 18);
    layout(graph, width, height);
    draw(graph, width, height);
    view = graph;
    filterRanking(context);
    var url = new URL(app.dataset.svgUrl, window.location.href);
    if (context) url.searchParams.set("context", context); else url.searchParams.delete("context");
    serverLink.href = url.pathname + url.search;
    var where = context ? " in “" + context + "”" : " across all situations";
    setStatus(graph.nodes.length
      ? "Showing " + plural(graph.nodes.length, "value") + " and " + plural(graph.links.length, "arrow") + where + "."
      : "Nothing to draw" + where + " yet.");
    if (graph.nodes.length && graph.nodes.every(function (n) { return n.score === null; })) {
      statusLine.append(" This graph carries no ranking scores, so all circles are one size and no top value is marked.");
    }
    var selected = graph.nodes.find(function (n) { return n.key === selectedKey; });
    if (selected) selectNode(selected, false); else resetCard();
  }

  function draw(graph, width, height) {
    canvas.replaceChildren();
    var svg = d3.select(canvas).append("svg")
      .attr("viewBox", "0 0 " + width + " " + height)
      .attr("font-family", FONT)
      .attr("role", "group")
      .attr("aria-label", "Moral graph drawing: " + plural(graph.nodes.length, "value") + " and " +
        plural(graph.links.length, "arrow") + ". Each value is a button that opens its values card.");
    svg.append("defs").append("marker")
      .attr("id", "mg-arrow").attr("viewBox", "0 0 10 10").attr("refX", 9).attr("refY", 5)
      .attr("markerWidth", 9).attr("markerHeight", 9).attr("markerUnits", "userSpaceOnUse").attr("orient", "auto")
      .append("path").attr("d", "M0,0 L10,5 L0,10 z").attr("fill", EDGE);
    var viewport = svg.append("g").attr("class", "viewport");

    var arrows = viewport.append("g").attr("class", "edges").attr("aria-hidden", "true")
      .attr("fill", "none").attr("stroke", EDGE);
    graph.links.forEach(function (link) {
      var line = trimmed(link.source, link.target);
      if (!line) return;
      var likelihood = Math.min(1, Math.max(0, link.edge.wiserLikelihood));
      var path = arrows.append("path").attr("class", "graph-edge")
        .attr("d", "M" + line[0] + "," + line[1] + " L" + line[2] + "," + line[3])
        .attr("stroke-width", (1 + 3 * likelihood).toFixed(2))
        .attr("opacity", (0.3 + 0.7 * likelihood).toFixed(2))
        .attr("marker-end", "url(#mg-arrow)");
      path.append("title").text(link.target.value.title + " judged wiser than " + link.source.value.title +
        " (wiser likelihood " + link.edge.wiserLikelihood.toFixed(2) + ")");
    });

    var values = viewport.append("g").attr("class", "nodes");
    var labels = viewport.append("g").attr("class", "labels").attr("aria-hidden", "true")
      .attr("font-size", LABEL_SIZE).attr("text-anchor", "middle").attr("fill", INK);
    graph.nodes.forEach(function (node) {
      var group = values.append("g").attr("class", "graph-node")
        .attr("data-value-id", node.key)
        .attr("transform", "translate(" + node.x.toFixed(1) + "," + node.y.toFixed(1) + ")")
        .attr("tabindex", 0).attr("role", "button").attr("aria-pressed", "false")
        .attr("aria-label", accessibleName(node, graph));
      group.append("title").text(node.value.title);
      if (node.isWinner) {
        group.append("circle").attr("class", "graph-winner-ring").attr("r", node.r + 5)
          .attr("fill", "none").attr("stroke", GOLD).attr("stroke-width", 3);
        group.append("text").attr("class", "graph-winner-star").attr("x", node.r + 3).attr("y", -node.r)
          .attr("font-size", 16).attr("fill", STAR).text("★");
      }
      if (ownValues.indexOf(node.key) !== -1) {
        group.classed("is-own", true);
        group.append("circle").attr("class", "graph-own-ring").attr("r", node.r + 9)
          .attr("fill", "none").attr("stroke", NODE_STROKE).attr("stroke-width", 1.5)
          .attr("stroke-dasharray", "3 2");
      }
      group.append("circle").attr("class", "graph-dot").attr("r", node.r)
        .attr("fill", NODE_FILL).attr("stroke", NODE_STROKE).attr("stroke-width", 1.5);
      group.on("click", function () { selectNode(node, true); });
      group.on("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); selectNode(node, true); }
      });
      group.on("focus", function () { keepInView(node); });
      // Labels sit in their own layer above every circle.
      var label = labels.append("text").attr("class", "graph-label").attr("data-value-id", node.key)
        .attr("x", node.x.toFixed(1)).attr("y", (node.y + node.r + 14).toFixed(1))
        .attr("stroke", "#ffffff").attr("stroke-width", 3).attr("paint-order", "stroke");
      node.lines.forEach(function (text, i) {
        label.append("tspan").attr("x", node.x.toFixed(1)).attr("dy", i ? LABEL_LINE : 0).text(text);
      });
    });

    var fitted = fitTransform(graph.bounds, width, height);
    var zoom = d3.zoom()
      .scaleExtent([Math.min(0.1, fitted.k / 2), 4])
      // Wheel zooms only with Ctrl/⌘ and touch only with two fingers, so the page still scrolls.
      .filter(function (event) {
        if (event.type === "wheel") return event.ctrlKey || event.metaKey;
        if (event.type.indexOf("touch") === 0) return event.touches.length > 1;
        return !event.button;
      })
      .on("zoom", function (event) { viewport.attr("transform", event.transform); });
    svg.call(zoom).on("dblclick.zoom", null);
    svg.call(zoom.transform, fitted);
    graph.svg = svg;
    graph.zoom = zoom;
    graph.size = { width: width, height: height };
  }

  function fitTransform(bounds, width, height) {
    var pad = 12;
    var k = Math.min((width - 2 * pad) / bounds.w, (height - 2 * pad) / bounds.h, 1.5);
    return d3.zoomIdentity
      .translate(width / 2 - k * (bounds.x0 + bounds.w / 2), height / 2 - k * (bounds.y0 + bounds.h / 2))
      .scale(k);
  }

  function zoomBy(how) {
    if (!view || !view.svg) return;
    if (how === "fit") view.svg.call(view.zoom.transform, fitTransform(view.bounds, view.size.width, view.size.height));
    else view.svg.call(view.zoom.scaleBy, how === "in" ? 1.5 : 1 / 1.5);
  }

  function keepInView(node) {
    var t = d3.zoomTransform(view.svg.node());
    var x = t.applyX(node.x), y = t.applyY(node.y);
    if (x < 20 || y < 20 || x > view.size.width - 20 || y > view.size.height - 20) {
      view.svg.call(view.zoom.translateTo, node.x, node.y);
    }
  }

  function trimmed(source, target) {
    var dx = target.x - source.x, dy = target.y - source.y, length = Math.hypot(dx, dy);
    var start = source.r + 2, end = target.r + (target.isWinner ? 8 : 3);
    if (length <= start + end) return null;
    var ux = dx / length, uy = dy / length;
    return [source.x + ux * start, source.y + uy * start, target.x - ux * end, target.y - uy * end]
      .map(function (v) { return v.toFixed(1); });
  }

  function accessibleName(node, graph) {
    var parts = [node.value.title];
    if (node.rank && node.rank.position) parts.push("ranked " + node.rank.position + " of " + graph.ranked + " in this situation");
    if (graph.context && node.isWinner) parts.push("top value in this situation");
    else if (!graph.context && node.isWinner) parts.push("top value in " + plural(node.value.winnerIn.length, "situation"));
    if (ownValues.indexOf(node.key) !== -1) parts.push("your value");
    return parts.join(", ");
  }

  // --- the values card and the text list ------------------------------------------------

  function selectNode(node, fromUser) {
    selectedKey = node.key;
    view.svg.selectAll(".graph-node, .graph-label").each(function () {
      var on = this.getAttribute("data-value-id") === node.key;
      this.classList.toggle("is-selected", on);
      if (this.hasAttribute("aria-pressed")) this.setAttribute("aria-pressed", on ? "true" : "false");
    });
    fillCard(node.value, view.context, node.rank, view.ranked);
    if (fromUser && narrow.matches) card.scrollIntoView({ block: "nearest" });
  }

  function fillCard(value, context, rank, ranked) {
    card.querySelector("#graph-card-title").textContent = value.title;
    var description = card.querySelector(".graph-card-description");
    description.textContent = value.description || "No description was written for this value.";
    description.classList.toggle("muted", !value.description);

    var winner = card.querySelector(".graph-card-winner");
    var wins = context ? value.winnerIn.filter(function (c) { return c === context; }) : value.winnerIn;
    winner.hidden = wins.length === 0;
    winner.replaceChildren();
    if (wins.length) {
      winner.append(context ? "★ Top value in this situation" : "★ Top value in: " + wins.join("; "));
      var chance = context ? value.winProbability[context] : undefined;
      if (typeof chance === "number") winner.append(" (top in " + Math.round(100 * chance) + "% of resampled graphs)");
      winner.append(".");
    }

    var policies = card.querySelector(".graph-card-policies");
    policies.replaceChildren();
    value.policies.forEach(function (policy) {
      var item = document.createElement("li");
      item.textContent = policy;
      policies.append(item);
    });
    policies.hidden = card.querySelector(".graph-card-policies-heading").hidden = value.policies.length === 0;

    var score = card.querySelector(".graph-card-score");
    var facts = [];
    if (rank && rank.position) facts.push("Ranked " + rank.position + (rank.tied ? " (tied)" : "") + " of " + ranked + " in “" + context + "”.");
    var shown = rank && rank.score !== null ? rank.score : value.score;
    if (shown !== null && shown !== undefined) facts.push("Score " + shown.toFixed(3) + ".");
    score.textContent = facts.join(" ");
    score.hidden = facts.length === 0;
  }

  function resetCard() {
    selectedKey = null;
    card.querySelector("#graph-card-title").textContent = "Select a value";
    var description = card.querySelector(".graph-card-description");
    description.textContent = "Tap or click a circle, or reach one with the Tab key and press Enter, to read what that value pays attention to.";
    description.classList.add("muted");
    ["graph-card-winner", "graph-card-policies-heading", "graph-card-policies", "graph-card-score"].forEach(function (name) {
      card.querySelector("." + name).hidden = true;
    });
  }

  function filterRanking(context) {
    document.querySelectorAll(".graph-rank-section").forEach(function (section) {
      section.hidden = Boolean(context) && section.dataset.context !== context;
    });
  }

  // --- exports -----------------------------------------------------------------------------

  function exportDocument() {
    var pad = 24, header = 78, b = view.bounds;
    var title = app.dataset.title + " — " + (view.context || "all situations");
    var lines = [[title, 20, 700, INK, 30], ["An arrow from A to B: participants judged B wiser than A in that situation.", 12, 400, MUTED, 52],
     ["Thicker, darker arrow: more agreement. Bigger circle: ranked higher. ★ and gold ring: top value.", 12, 400, MUTED, 68]];
    // Wide enough for the title and the legend too (about 0.62 em per character), never clipped.
    var textWidth = Math.max.apply(null, lines.map(function (line) { return line[0].length * line[1] * 0.62; }));
    var width = Math.ceil(Math.max(b.w + 2 * pad, 520, textWidth + 2 * pad)), height = Math.ceil(b.h + 2 * pad + header);
    var doc = document.createElementNS(SVG_NS, "svg");
    [["width", width], ["height", height], ["viewBox", "0 0 " + width + " " + height], ["font-family", FONT]]
      .forEach(function (pair) { doc.setAttribute(pair[0], pair[1]); });
    var heading = document.createElementNS(SVG_NS, "title");
    heading.textContent = title;
    doc.append(heading);
    var background = document.createElementNS(SVG_NS, "rect");
    background.setAttribute("width", "100%"); background.setAttribute("height", "100%"); background.setAttribute("fill", "#ffffff");
    doc.append(background);
    lines.forEach(function (line) {
        var text = document.createElementNS(SVG_NS, "text");
        text.setAttribute("x", pad); text.setAttribute("y", line[4]);
        text.setAttribute("font-size", line[1]); text.setAttribute("font-weight", line[2]); text.setAttribute("fill", line[3]);
        text.textContent = line[0];
        doc.append(text);
      });
    doc.append(view.svg.select("defs").node().cloneNode(true));
    var drawing = view.svg.select(".viewport").node().cloneNode(true);
    drawing.setAttribute("transform", "translate(" + (pad - b.x0 + (width - 2 * pad - b.w) / 2).toFixed(1) + "," + (header + pad - b.y0).toFixed(1) + ")");
    drawing.querySelectorAll("[tabindex]").forEach(function (el) { el.removeAttribute("tabindex"); });
    doc.append(drawing);
    return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc), width: width, height: height };
  }

  function fileName(extension) {
    var suffix = view.context ? "-" + view.context.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") : "";
    return app.dataset.fileName + suffix + "." + extension;
  }

  function downloadSvg() {
    save(new Blob([exportDocument().text], { type: "image/svg+xml" }), fileName("svg"));
  }

  function downloadPng() {
    var exported = exportDocument();
    var scale = Math.min(2, 8000 / Math.max(exported.width, exported.height));
    var image = new Image();
    var source = URL.createObjectURL(new Blob([exported.text], { type: "image/svg+xml" }));
    image.onload = function () {
      var canvasElement = document.createElement("canvas");
      canvasElement.width = Math.round(exported.width * scale);
      canvasElement.height = Math.round(exported.height * scale);
      var context = canvasElement.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, exported.width, exported.height);
      URL.revokeObjectURL(source);
      canvasElement.toBlob(function (blob) {
        if (blob) save(blob, fileName("png"));
        else setStatus("The PNG could not be made in this browser; try the SVG download.", true);
      }, "image/png");
    };
    image.onerror = function () {
      URL.revokeObjectURL(source);
      setStatus("The PNG could not be made in this browser; try the SVG download.", true);
    };
    image.src = source;
  }

  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  // --- small helpers -----------------------------------------------------------------------

  function labelLines(title, width, maxLines) {
    width = width || 18;
    maxLines = maxLines || 3;
    var lines = [], line = "";
    title.split(/\s+/).filter(Boolean).forEach(function (word) {
      while (word.length > width) {
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!word) return;
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += " " + word;
      else { lines.push(line); line = word; }
    });
    if (line) lines.push(line);
    if (lines.length > maxLines) {
      var rest = lines.slice(maxLines - 1).join(" ");
      lines = lines.slice(0, maxLines - 1).concat([rest.length > width ? rest.slice(0, width - 1).trimEnd() + "…" : rest]);
    }
    return lines.length ? lines : [""];
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }
})();
