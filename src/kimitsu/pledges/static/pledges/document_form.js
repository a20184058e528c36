// The document form shows only the fields of the chosen kind of document.
(function () {
  var show = {
    pledge_hire: ["person"],
    pledge_project: ["person", "project"],
    pledge_exit: ["person", "noncompete", "nc_period_months", "nc_region", "nc_scope", "nc_compensation"],
    hire_check: ["person", "former_employer", "former_duties", "not_to_bring", "own_knowledge"],
    nda: ["partner", "direction", "purpose", "term_years", "survival_years", "court"],
    outsourcing: ["partner", "purpose", "survival_years"],
  };
  var all = [
    "person", "partner", "project", "former_employer", "former_duties", "not_to_bring",
    "own_knowledge", "noncompete", "nc_period_months", "nc_region", "nc_scope", "nc_compensation",
    "direction", "purpose", "term_years", "survival_years", "court",
  ];
  var kind = document.getElementById("id_kind");
  if (!kind) return;
  function update() {
    var wanted = show[kind.value] || [];
    all.forEach(function (name) {
      var box = document.querySelector(".field-" + name);
      if (box) box.classList.toggle("d-none", wanted.indexOf(name) < 0);
    });
  }
  kind.addEventListener("change", update);
  update();
})();
