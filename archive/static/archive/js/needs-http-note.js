// A classic script (browsers refuse module scripts, like the search, on file:// pages): it shows
// the note that search needs the archive served over HTTP. Kept in a file, not inline, so the
// archive's pages hold no inline script and a strict Content-Security-Policy can serve them.
if (location.protocol === "file:") {
  document.getElementById("search-needs-http").hidden = false;
}
