// The import batch page: while the background worker is busy, fetch the progress table every
// few seconds and swap it in, so the editor sees each file's outcome without reloading. The
// status line is also copied into a live region, so screen readers hear the progress.
(function () {
  const box = document.getElementById("import-progress");
  const announcement = document.getElementById("import-announcement");
  if (!box) return;
  function finished() {
    const state = box.querySelector("[data-finished]");
    return state && state.dataset.finished === "true";
  }
  async function refresh() {
    if (finished()) return;
    try {
      const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
      if (response.ok) {
        const before = box.querySelector("[data-status]")?.textContent;
        box.innerHTML = await response.text();
        const now = box.querySelector("[data-status]")?.textContent;
        if (announcement && now && now !== before) announcement.textContent = now;
      }
    } catch (error) {
      // A missed refresh is tried again at the next tick.
    }
    window.setTimeout(refresh, 2000);
  }
  window.setTimeout(refresh, 1000);
})();
