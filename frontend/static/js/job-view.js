// The alignment job page: polls the job's data while it runs and draws one line chart per
// metric (a line per series: the adaptive controller and each baseline) and the profile the
// controller chose. Every text is set with textContent: nothing from the server runs as markup.
(function () {
  "use strict";
  const app = document.getElementById("job-app");
  if (!app || !window.d3) return;
  const url = app.dataset.url;
  const WIDTH = 460, HEIGHT = 200, M = { top: 10, right: 110, bottom: 30, left: 48 };
  const colour = d3.scaleOrdinal(["#1f5fa8", "#b5462f", "#4c8a3e", "#8a5ab8", "#c28a1d", "#3b8f8f", "#777"]);

  function svgIn(figure) {
    d3.select(figure).select("svg").remove();
    return d3.select(figure).append("svg")
      .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`).attr("role", "img")
      .attr("aria-label", figure.querySelector("figcaption").textContent);
  }

  function lineChart(figure, series, metric) {
    const svg = svgIn(figure);
    const names = Object.keys(series);
    const points = names.flatMap((n) => series[n].map((m) => [m.iteration, m[metric]]));
    if (!points.length) return;
    const x = d3.scaleLinear().domain(d3.extent(points, (p) => p[0])).nice().range([M.left, WIDTH - M.right]);
    const y = d3.scaleLinear().domain(d3.extent(points, (p) => p[1])).nice().range([HEIGHT - M.bottom, M.top]);
    svg.append("g").attr("transform", `translate(0,${HEIGHT - M.bottom})`).call(d3.axisBottom(x).ticks(6).tickFormat(d3.format("d")));
    svg.append("g").attr("transform", `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5));
    const line = d3.line().x((m) => x(m.iteration)).y((m) => y(m[metric]));
    names.forEach((name, i) => {
      svg.append("path").attr("class", "series-line").datum(series[name]).attr("fill", "none").attr("stroke", colour(name))
        .attr("stroke-width", name === "adaptive" ? 2.5 : 1.5).attr("d", line);
      svg.append("text").attr("x", WIDTH - M.right + 6).attr("y", M.top + 12 + i * 14)
        .attr("fill", colour(name)).attr("font-size", 11).text(name);
    });
  }

  function profileChart(figure, adaptive) {
    const svg = svgIn(figure);
    if (!adaptive || !adaptive.length) return;
    const names = Array.from(new Set(adaptive.map((m) => m.profile.name)));
    const x = d3.scaleLinear().domain(d3.extent(adaptive, (m) => m.iteration)).nice().range([M.left + 70, WIDTH - 10]);
    const y = d3.scalePoint().domain(names).range([HEIGHT - M.bottom, M.top]).padding(0.5);
    svg.append("g").attr("transform", `translate(0,${HEIGHT - M.bottom})`).call(d3.axisBottom(x).ticks(6).tickFormat(d3.format("d")));
    svg.append("g").attr("transform", `translate(${M.left + 70},0)`).call(d3.axisLeft(y));
    svg.append("path").attr("class", "series-line").datum(adaptive).attr("fill", "none").attr("stroke", colour("adaptive")).attr("stroke-width", 1.5)
      .attr("d", d3.line().curve(d3.curveStepAfter).x((m) => x(m.iteration)).y((m) => y(m.profile.name)));
  }

  function render(data) {
    document.getElementById("job-status").textContent = data.status;
    document.getElementById("job-status").className = `status status-${data.status}`;
    document.getElementById("job-progress").value = data.progress;
    document.getElementById("job-iterations").textContent = `${data.iterationsDone} outer iterations done`;
    app.querySelectorAll("figure.chart").forEach((figure) => {
      const metric = figure.dataset.metric;
      if (metric === "profile") profileChart(figure, data.series.adaptive);
      else lineChart(figure, data.series, metric);
    });
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      render(data);
      if (data.finished) {
        if (!document.getElementById("baseline-table").querySelector("table") && data.baselineTable) window.location.reload();
        return;
      }
    } catch (error) {
      console.warn("job data:", error);
    }
    window.setTimeout(poll, 2000);
  }
  poll();
})();
