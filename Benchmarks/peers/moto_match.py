"""Peer of figure 6: moto's EventBridge pattern matcher over a JSON-lines file of events.
Parsing is not timed; only EventPattern.matches_event is. Usage: moto_match.py PATTERN_FILE EVENTS_FILE.
Prints one JSON object: seconds, events, matches, moto (version)."""
import json
import sys
import time

import moto
from moto.events.models import EventPattern

with open(sys.argv[1]) as f:
    pattern = EventPattern.load(f.read())
with open(sys.argv[2], "rb") as f:
    events = [json.loads(line) for line in f if line.strip()]

start = time.perf_counter()
matches = 0
for event in events:
    if pattern.matches_event(event):
        matches += 1
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "events": len(events), "matches": matches, "moto": moto.__version__}))
