"""Run the import queue's worker, first resuming any batch a dead worker left unfinished.

`make run` starts it beside gunicorn; a deployment runs it as its own service. It is
django-tasks-db's `db_worker` for the `imports` queue, named after this machine and process so
that the next worker to start here can tell that this one has gone (ingest/recovery.py).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ingest.recovery import resume_stalled_batches, worker_id


class Command(BaseCommand):
    help = "Import uploaded batches in the background (resuming any a stopped worker left)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1, help="seconds between looks at an empty queue"
        )
        parser.add_argument("--batch", action="store_true", help="import what is queued, then stop")

    def handle(self, *args, interval, batch, verbosity, **options):
        resumed = resume_stalled_batches()
        for each in resumed:
            self.stdout.write(f"Resumed {each} (its worker had stopped).")
        call_command(
            "db_worker",
            # On the command line, not as a keyword: argparse checks the string default otherwise.
            "--backend=imports",
            worker_id=worker_id(),
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=False,
            verbosity=verbosity,
        )
