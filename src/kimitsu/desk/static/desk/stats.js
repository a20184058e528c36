// The statistics page's charts: consultations per fiscal year, and one chart per breakdown
// (doughnuts for the client's attribute and the channel, bars for the rest).
(function () {
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var palette = ["#1f4e79", "#2e75b6", "#9dc3e6", "#f4b183", "#a9d18e", "#ffd966", "#c9c9c9", "#8faadc"];
  var yoy = document.getElementById("chart-yoy");
  if (yoy) {
    yoy.chart = new Chart(yoy, {
      type: "bar",
      data: {
        labels: data.yoy.labels,
        datasets: [
          { label: yoy.dataset.labelTotal, data: data.yoy.values, backgroundColor: "#2e75b6" },
          { label: yoy.dataset.labelOnline, data: data.yoy.online, backgroundColor: "#f4b183" },
        ],
      },
      options: { animation: false, plugins: { legend: { position: "bottom" } } },
    });
  }
  Object.keys(data.breakdowns).forEach(function (key) {
    var el = document.getElementById("chart-" + key);
    if (!el) return;
    var d = data.breakdowns[key];
    var pie = key === "by_attribute" || key === "by_channel";
    el.chart = new Chart(el, {
      type: pie ? "doughnut" : "bar",
      data: { labels: d.labels, datasets: [{ data: d.values, backgroundColor: pie ? palette : "#2e75b6" }] },
      options: {
        animation: false,
        indexAxis: pie ? undefined : "y",
        plugins: { legend: { display: pie, position: "bottom" } },
      },
    });
  });
})();
