// Charts of the KPI dashboard: one line chart per criterion, with its baseline
// and target lines. The figures come from the json_script "reporting-charts";
// nothing inline, so the page works under a strict Content-Security-Policy.
(function () {
  "use strict";
  var dataElement = document.getElementById("reporting-charts");
  if (!dataElement || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(dataElement.textContent);
  var labels = JSON.parse(document.getElementById("reporting-chart-labels").textContent);
  var lang = document.documentElement.lang || "da";
  var format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

  function flat(years, value) {
    return years.map(function () { return value; });
  }

  Object.keys(charts).forEach(function (id) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    var c = charts[id];
    var datasets = [{
      label: labels.value,
      data: c.values,
      borderColor: "#0d6efd",
      backgroundColor: "#0d6efd",
      pointRadius: c.years.map(function (y) { return y === c.selected ? 6 : 3; }),
      spanGaps: false,
      tension: 0
    }];
    if (c.targets.some(function (v) { return v !== null; })) {
      datasets.push({
        label: labels.target, data: c.targets, borderColor: "#198754", borderDash: [6, 4],
        pointRadius: 0, stepped: true, fill: false
      });
    }
    if (c.baseline !== null) {
      datasets.push({
        label: labels.baseline, data: flat(c.years, c.baseline), borderColor: "#6c757d",
        borderDash: [2, 3], pointRadius: 0, fill: false
      });
    }
    if (c.references.some(function (v) { return v !== null; })) {
      datasets.push({
        label: labels.reference, data: c.references, borderColor: "#fd7e14", borderDash: [8, 3, 2, 3],
        pointRadius: 0, fill: false
      });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels: c.years.map(String), datasets: datasets },
      options: {
        responsive: true,
        aspectRatio: 2,
        animation: false,
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 18 } },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ": " + (ctx.parsed.y === null ? "–" : format.format(ctx.parsed.y));
              }
            }
          }
        },
        scales: {
          y: { beginAtZero: true, title: { display: !!c.unit, text: c.unit } }
        }
      }
    });
  });
})();
