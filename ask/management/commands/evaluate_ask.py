"""`manage.py evaluate_ask FILE`: run a question set against the current library.

Prints each question's outcome, then the answered-with-fact rate, abstention accuracy, the share
of quotes found verbatim in their linked passage, median and p95 time; the last line is JSON.
`--sweep 0.3:0.7:0.02` also prints the two rates at each abstention threshold (how the default
`min_score` was chosen); `--half dev|test` runs every other question (held-out checks).
"""

import json

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from ask.answers import ask_settings
from ask.evaluation import load_questions, run, summary, threshold_sweep, unthresholded


class Command(BaseCommand):
    help = "Evaluate 'ask the library' on a JSON question set."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--sweep", help="START:STOP:STEP abstention thresholds to compare")
        parser.add_argument("--half", choices=("all", "dev", "test"), default="all")

    def handle(self, *args, file, sweep, half, **options):
        try:
            items = load_questions(file)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        if half != "all":
            items = items[0::2] if half == "dev" else items[1::2]
        settings = ask_settings()
        outcomes = run(items, unthresholded(settings) if sweep else settings)
        for o in outcomes:
            answered = o.answered and o.best_score >= settings.min_score
            good = (answered and o.has_facts) if o.answerable else not answered
            verdict = "ok  " if good else "MISS"
            kind = "answer" if o.answerable else "abstain"
            state = "answered" if answered else "abstained"
            self.stdout.write(
                f"{verdict} [{kind:7}] {o.best_score:.3f} {o.took_ms:6.0f} ms {state:9} "
                f"{o.question}"
            )
            if o.answerable and not o.has_facts and o.quotes:
                self.stdout.write(f"       first quote: {o.quotes[0][:150]}")
        figures = summary(outcomes, threshold=settings.min_score if sweep else None)
        if sweep:
            start, stop, step = (float(x) for x in sweep.split(":"))
            for row in threshold_sweep(outcomes, np.arange(start, stop + 1e-9, step)):
                self.stdout.write(
                    f"min_score {row['min_score']:.3f}: answered with fact "
                    f"{row['answered_with_fact']:.3f}, abstained {row['abstention_accuracy']:.3f}"
                )
        for name, value in figures.items():
            self.stdout.write(f"{name:>20}: {value}")
        self.stdout.write(json.dumps({"min_score": settings.min_score, **figures}))
