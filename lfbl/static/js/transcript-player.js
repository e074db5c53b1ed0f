// A podcast episode's transcript and its audio player work together: a time link plays the
// recording from that moment, a link to a moment (#t-00-01-23, from search or a shared address)
// starts the player there, and the turn being spoken is marked as it plays. Without JavaScript
// the time links still lead to the words, and the native player works on its own.
(function () {
  "use strict";

  var ANCHOR = /^#?t-(\d{2})-(\d{2})-(\d{2})$/;

  function secondsOf(anchor) {
    var match = ANCHOR.exec(anchor || "");
    if (!match) return null;
    return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  }

  function start() {
    var player = document.getElementById("recording-player");
    var transcript = document.getElementById("transcript");
    if (!player || !transcript) return;
    var turns = Array.prototype.slice.call(transcript.querySelectorAll(".transcript-turn"));
    var starts = turns.map(function (turn) { return secondsOf(turn.id); });

    function seek(seconds, play) {
      function go() {
        player.currentTime = seconds;
        if (play) {
          var playing = player.play();
          if (playing && playing.catch) playing.catch(function () {});
        }
      }
      if (player.readyState >= 1) go();
      else player.addEventListener("loadedmetadata", go, { once: true });
    }

    transcript.addEventListener("click", function (event) {
      var link = event.target.closest("a.transcript-time");
      if (!link) return;
      var seconds = secondsOf(link.getAttribute("href"));
      if (seconds === null) return;
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
      seek(seconds, true);
    });

    var current = null;
    player.addEventListener("timeupdate", function () {
      var at = -1;
      for (var i = 0; i < starts.length; i++) {
        if (starts[i] !== null && starts[i] <= player.currentTime + 0.25) at = i;
      }
      var turn = at >= 0 ? turns[at] : null;
      if (turn === current) return;
      if (current) current.classList.remove("is-playing");
      if (turn) turn.classList.add("is-playing");
      current = turn;
    });

    var linked = secondsOf(window.location.hash);
    if (linked !== null) seek(linked, false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
