// Draws every <canvas data-chart="radar|bar|hbar|line" data-source="json-script-id">.
(function () {
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var kind = canvas.dataset.chart;
    var max = canvas.dataset.max === "auto" ? undefined : (canvas.dataset.max ? Number(canvas.dataset.max) : 100);
    var color = canvas.dataset.color || "#0d6efd";
    var config = {
      type: kind === "hbar" ? "bar" : kind,
      data: {
        labels: data.labels,
        datasets: [{
          label: canvas.dataset.label || "",
          data: data.values,
          backgroundColor: kind === "line" ? color : color + "99",
          borderColor: color,
          fill: kind === "radar",
          tension: 0.2,
        }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
      },
    };
    if (kind === "radar") {
      config.options.scales = { r: { min: Math.min(0, Math.min.apply(null, data.values)), max: max, ticks: { stepSize: 25 } } };
    } else if (kind === "hbar") {
      config.options.indexAxis = "y";
      config.options.scales = { x: { min: 0, max: max } };
    } else {
      config.options.scales = { y: { min: Math.min(0, Math.min.apply(null, data.values.concat([0]))), max: max, ticks: { precision: 0 } } };
    }
    canvas.chart = new Chart(canvas, config);
    canvas.dataset.drawn = "1";
  }
  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
