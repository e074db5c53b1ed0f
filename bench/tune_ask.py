"""How the weights of "ask the library" were chosen: a small grid on the dev half of question sets.

    LFBL_VAR_DIR=... python bench/tune_ask.py ask/questions/bundled.json [more.json ...]

Every weighting in the grid runs the dev half (questions 1, 3, 5, ...) of each set; for each, the
best abstention threshold on those questions is found (the largest sum of answered-with-fact rate
and abstention accuracy), and the figures on the test half (2, 4, 6, ...) at that threshold are
printed beside it, so the choice can be judged on questions it was not chosen on.
"""

from __future__ import annotations

import itertools
import os
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lfbl.settings.local")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from ask.answers import ask_settings  # noqa: E402
from ask.evaluation import load_questions, run, summary, unthresholded  # noqa: E402

GRID = {
    "sentence_weight": (0.45, 0.6, 0.75),
    "words_weight": (0.15, 0.25, 0.4),
    "passage_weight": (0.1, 0.2),
}
THRESHOLDS = np.arange(0.2, 0.8, 0.01)


def best_threshold(outcomes) -> tuple[float, dict]:
    rows = [(t, summary(outcomes, threshold=t)) for t in THRESHOLDS]
    return max(
        rows, key=lambda r: (r[1]["answered_with_fact"] + r[1]["abstention_accuracy"], -r[0])
    )


def main(paths: list[str]) -> int:
    items = [item for path in paths for item in load_questions(path)]
    dev, test = items[0::2], items[1::2]
    base = unthresholded(ask_settings())
    print("sentence words passage | dev: min_score fact abstain | test at that: fact abstain")
    for values in itertools.product(*GRID.values()):
        settings = replace(base, **dict(zip(GRID, values, strict=True)))
        threshold, figures = best_threshold(run(dev, settings))
        held = summary(run(test, settings), threshold=threshold)
        print(
            f"{values[0]:.2f} {values[1]:.2f} {values[2]:.2f} | {threshold:.2f} "
            f"{figures['answered_with_fact']:.3f} {figures['abstention_accuracy']:.3f} | "
            f"{held['answered_with_fact']:.3f} {held['abstention_accuracy']:.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
