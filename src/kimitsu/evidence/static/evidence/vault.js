// Record evidence without sending the file: when "keep the file" is not ticked, the browser
// computes the SHA-256 (Web Crypto) and the file input is emptied before the form is sent.
(function () {
  const form = document.querySelector("form[data-hash-locally]");
  if (!form) return;
  const file = form.querySelector("input[type=file][name=file]");
  const sha = form.querySelector("input[name=sha256]");
  const name = form.querySelector("input[name=filename]");
  const keep = form.querySelector("input[name=keep]");
  const status = document.getElementById("hash-status");
  const local = window.crypto && window.crypto.subtle;
  const say = (text) => { if (status) status.textContent = text; };
  async function digest() {
    if (!file.files.length || !local) return;
    const data = await file.files[0].arrayBuffer();
    const hash = await crypto.subtle.digest("SHA-256", data);
    sha.value = Array.from(new Uint8Array(hash)).map((b) => b.toString(16).padStart(2, "0")).join("");
    if (name && !name.value) name.value = file.files[0].name;
    say(form.dataset.localText || "SHA-256: " + sha.value);
  }
  file.addEventListener("change", () => { sha.value = ""; digest(); });
  form.addEventListener("submit", (event) => {
    if (!local || !file.files.length || (keep && keep.checked)) return;
    if (!sha.value) { event.preventDefault(); digest().then(() => form.requestSubmit()); return; }
    file.value = "";  // only the hash leaves this computer
  });
})();
