"""Make the recordings of the bundled sample podcast episodes, and time their transcripts.

The two sample episodes in corpus/documents (see corpus/series.csv) are spoken by espeak-ng, one
voice per speaker, and joined with short pauses by sox into Ogg Vorbis files in corpus/recordings/.
Each speaker line's time in the transcript is then rewritten to the moment that turn starts in the
recording, so the time links are right. The files are committed: the library loads them as they
are and never runs this. Run it again after editing an episode's words:

    apt-get install espeak-ng sox libsox-fmt-all
    .venv/bin/python scripts/make_sample_recordings.py
"""

import csv
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "corpus" / "documents"
RECORDINGS = ROOT / "corpus" / "recordings"
VOICES = ["en-gb", "en-gb-x-rp+f3"]  # in order of each speaker's first turn
RATE = 22050  # espeak-ng's own rate: the pauses match it
PAUSE = 0.6  # seconds between turns
SPEAKER_LINE = re.compile(r"^([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}) (\d{1,2}:\d{2}(?::\d{2})?)$")


def stamp(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def turns_of(lines: list[str]) -> list[tuple[int, str, str]]:
    """(line number of the speaker line, speaker, words) for each turn."""
    turns = []
    for number, line in enumerate(lines):
        match = SPEAKER_LINE.match(line)
        if match and number + 1 < len(lines):
            turns.append((number, match.group(1), lines[number + 1]))
    return turns


def speak(text: str, voice: str, out: Path) -> float:
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", "165", "-w", str(out), text],
        check=True,
        capture_output=True,
    )
    with wave.open(str(out)) as audio:
        return audio.getnframes() / audio.getframerate()


def make(document: Path, recording: Path) -> str:
    lines = document.read_text(encoding="utf-8").splitlines()
    turns = turns_of(lines)
    voices: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        parts, at = [], 0.0
        silence = Path(folder) / "pause.wav"
        subprocess.run(
            [
                "sox",
                "-n",
                "-r",
                str(RATE),
                "-c",
                "1",
                "-b",
                "16",
                str(silence),
                "trim",
                "0",
                str(PAUSE),
            ],
            check=True,
        )
        for n, (number, speaker, words) in enumerate(turns):
            voice = voices.setdefault(speaker, VOICES[len(voices) % len(VOICES)])
            lines[number] = f"{speaker} {stamp(at)}"
            spoken = Path(folder) / f"turn-{n:03d}.wav"
            at += speak(words, voice, spoken) + PAUSE
            parts += [str(spoken), str(silence)]
        subprocess.run(
            ["sox", *parts, "-r", "16000", "-c", "1", "-C", "0", str(recording)], check=True
        )
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{recording.relative_to(ROOT)}: {stamp(at)}, {recording.stat().st_size // 1024} KB")
    return stamp(at)


def main() -> int:
    RECORDINGS.mkdir(exist_ok=True)
    manifest = DOCUMENTS / "manifest.csv"
    with manifest.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row.get("recording"):
            row["duration"] = make(DOCUMENTS / row["file"], ROOT / "corpus" / row["recording"])
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
