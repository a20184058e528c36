// The classification form suggests a level from the scores as they are entered, and warns when
// the assessment says the information may not qualify as a trade secret.
(function () {
  var source = document.getElementById("levels-data");
  var f = document.getElementById("classify-form");
  if (!source || !f) return;
  var levels = JSON.parse(source.textContent);
  function update() {
    var v = parseInt(f.value_score.value || "0", 10);
    var d = parseInt(f.damage_score.value || "0", 10);
    var np = f.non_public.value;
    var met = [f.secrecy.value, f.usefulness.value, np];
    var bad = met.includes("not_met") || met.includes("partly");
    document.getElementById("not-qualifying").classList.toggle("d-none", !bad);
    var s = null;
    if (np === "not_met") {
      var pub = levels.filter(function (l) { return !l.secret; });
      s = pub.length ? pub[pub.length - 1] : null;
    } else if (v || d) {
      var score = Math.max(v, d);
      s = levels.find(function (l) { return score >= l.score; }) || levels[levels.length - 1];
    }
    document.getElementById("suggestion").textContent = s ? s.name : "—";
  }
  f.addEventListener("change", update);
  update();
})();
