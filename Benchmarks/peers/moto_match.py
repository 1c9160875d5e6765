"""Peer of figure 6: moto's EventBridge pattern matcher over a JSON-lines file of events.
Parsing is not timed; only EventPattern.matches_event is, in ROUNDS rounds of which the fastest counts.
Usage: moto_match.py ROUNDS PATTERN_FILE EVENTS_FILE. Prints one JSON object: seconds, events, matches,
moto (version)."""
import json
import sys
import time

import moto
from moto.events.models import EventPattern

rounds = int(sys.argv[1])
with open(sys.argv[2]) as f:
    pattern = EventPattern.load(f.read())
with open(sys.argv[3], "rb") as f:
    events = [json.loads(line) for line in f if line.strip()]

seconds = float("inf")
for _ in range(rounds):
    start = time.perf_counter()
    matches = 0
    for event in events:
        if pattern.matches_event(event):
            matches += 1
    seconds = min(seconds, time.perf_counter() - start)
print(json.dumps({"seconds": seconds, "events": len(events), "matches": matches, "moto": moto.__version__}))
