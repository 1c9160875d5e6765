"""Peer of figure 6: moto's EventBridge pattern matcher over a JSON-lines file of events, on one core.
Parsing is not timed; only EventPattern.matches_event is, ROUNDS times (the harness interleaves its own
rounds with calls of this script, one round each).
Usage: moto_match.py ROUNDS PATTERN_FILE EVENTS_FILE. Prints one JSON object: seconds and cpu_seconds
(user + system time of the process) of each round, events, matches, moto (version)."""
import json
import resource
import sys
import time

import moto
from moto.events.models import EventPattern


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


rounds = int(sys.argv[1])
with open(sys.argv[2]) as f:
    pattern = EventPattern.load(f.read())
with open(sys.argv[3], "rb") as f:
    events = [json.loads(line) for line in f if line.strip()]

seconds = []
cpu_seconds = []
for _ in range(rounds):
    cpu_start = cpu()
    start = time.perf_counter()
    matches = 0
    for event in events:
        if pattern.matches_event(event):
            matches += 1
    seconds.append(time.perf_counter() - start)
    cpu_seconds.append(cpu() - cpu_start)
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "events": len(events), "matches": matches,
                  "moto": moto.__version__}))
