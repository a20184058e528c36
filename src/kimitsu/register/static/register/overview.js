// The register overview's two charts: entries by level (colours of the levels) and by department.
(function () {
  if (typeof Chart === "undefined") return;
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var lv = data("chart-level-data");
  var dp = data("chart-dept-data");
  var levelCanvas = document.getElementById("chart-level");
  var deptCanvas = document.getElementById("chart-dept");
  if (lv && levelCanvas) {
    levelCanvas.chart = new Chart(levelCanvas, {
      type: "doughnut",
      data: { labels: lv.labels, datasets: [{ data: lv.data, backgroundColor: lv.colors }] },
      options: { plugins: { legend: { position: "right" } } },
    });
  }
  if (dp && deptCanvas) {
    deptCanvas.chart = new Chart(deptCanvas, {
      type: "bar",
      data: {
        labels: dp.labels,
        datasets: [{ label: deptCanvas.dataset.label, data: dp.data, backgroundColor: "#0d6efd" }],
      },
      options: {
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 } } },
      },
    });
  }
})();
