"""Import cost grows at most linearly with the text's size: 8 MB may take at most 10x what 1 MB does.

Both sizes are timed in the same run, so the test compares a ratio and never a wall-clock figure;
CPU time is compared, so other work on a shared machine does not sway it.
The text is dense in a lower-case brand name ("always possible"), whose every match used to copy
the whole text before it.
"""

import time

from ingest.pipeline import analyse_file

PARAGRAPH = (
    "Residents said the new play area was always possible once the partnership and Local Trust "
    "agreed the plan. Volunteers from always possible ran a lunch club in the community hub, "
    "and the council lent the hall on Fridays. "
)


def generated_text(size: int) -> bytes:
    parts, total, number = [], 0, 0
    while total < size:
        part = PARAGRAPH + ("\n\n" if number % 3 == 0 else "")
        if number % 40 == 0:
            part += f"What happened in year {number}\n"
        parts.append(part)
        total += len(part)
        number += 1
    return "".join(parts).encode()


def timed_analysis(data: bytes, vocabulary) -> float:
    started = time.process_time()
    analyse_file(data, "generated.txt", vocabulary=vocabulary, max_bytes=len(data) + 1)
    return time.process_time() - started


def test_eight_times_the_text_takes_at_most_ten_times_as_long(vocabulary):
    small, large = generated_text(1_000_000), generated_text(8_000_000)
    timed_analysis(small[:50_000], vocabulary)  # warm caches and lazy imports first
    small_time = min(timed_analysis(small, vocabulary) for _ in range(2))
    large_time = timed_analysis(large, vocabulary)
    assert large_time <= 10 * small_time, (small_time, large_time)
