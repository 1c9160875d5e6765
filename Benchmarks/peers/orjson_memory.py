"""Peer of figure 2: how much resident memory Python needs to hold every recovery point as the
dict orjson parses it into. Prints one JSON object: rss_growth (bytes), points."""
import gc
import json
import sys

import orjson


def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise SystemExit("no VmRSS in /proc/self/status")


gc.collect()
before = rss()
held = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                held.append(orjson.loads(line))
gc.collect()
after = rss()
print(json.dumps({"rss_growth": after - before, "points": len(held)}))
