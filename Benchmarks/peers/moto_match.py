"""Peer of figure 6: moto's EventBridge pattern matcher over a JSON-lines file of events, on one core.
Parsing is not timed; only EventPattern.matches_event is, ROUNDS times, two ways each round (the harness
interleaves its own rounds with calls of this script, one round each):
- as events arrive: each batch of BATCH events parsed (untimed), then matched (timed) while in cache, as a
  stream of events is matched (vaultwatch's side is measured the same way);
- all events parsed up front, then matched one after the other.
Usage: moto_match.py ROUNDS PATTERN_FILE EVENTS_FILE [BATCH]. Prints one JSON object: seconds and
cpu_seconds (this thread's CPU time, user + system) of each round as a stream, the same for the events
parsed up front (upfront_seconds, upfront_cpu_seconds), events, matches, moto (version)."""
import json
import sys
import time

import moto
from moto.events.models import EventPattern

rounds = int(sys.argv[1])
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 16
with open(sys.argv[2]) as f:
    pattern = EventPattern.load(f.read())
with open(sys.argv[3], "rb") as f:
    lines = [line for line in f if line.strip()]


def stream():
    """Each batch parsed (untimed), then matched (timed)."""
    seconds = cpu = 0.0
    matches = 0
    for start in range(0, len(lines), batch):
        events = [json.loads(line) for line in lines[start:start + batch]]
        cpu_start = time.thread_time()
        wall_start = time.perf_counter()
        for event in events:
            if pattern.matches_event(event):
                matches += 1
        seconds += time.perf_counter() - wall_start
        cpu += time.thread_time() - cpu_start
    return seconds, cpu, matches


def upfront(events):
    cpu_start = time.thread_time()
    wall_start = time.perf_counter()
    matches = 0
    for event in events:
        if pattern.matches_event(event):
            matches += 1
    return time.perf_counter() - wall_start, time.thread_time() - cpu_start, matches


out = {"seconds": [], "cpu_seconds": [], "upfront_seconds": [], "upfront_cpu_seconds": []}
matches = upfront_matches = 0
for _ in range(rounds):
    seconds, cpu, matches = stream()
    out["seconds"].append(seconds)
    out["cpu_seconds"].append(cpu)
everything = [json.loads(line) for line in lines]
for _ in range(rounds):
    seconds, cpu, upfront_matches = upfront(everything)
    out["upfront_seconds"].append(seconds)
    out["upfront_cpu_seconds"].append(cpu)
if upfront_matches != matches:
    sys.exit(f"moto matched {matches} events as a stream and {upfront_matches} parsed up front")
out.update({"events": len(lines), "matches": matches, "moto": moto.__version__})
print(json.dumps(out))
