"""Peer of figure 4: append each line of SOURCE to TARGET with write, flush and fsync, one line at
a time, as a durable acknowledgement is written. Prints one JSON object: median_ms, p99_ms, count."""
import json
import os
import sys
import time

source, target = sys.argv[1], sys.argv[2]
with open(source, "rb") as f:
    lines = [line for line in f if line.strip()]

times = []
with open(target, "ab") as f:
    for line in lines:
        start = time.perf_counter()
        f.write(line)
        f.flush()
        os.fsync(f.fileno())
        times.append(time.perf_counter() - start)

times.sort()
print(json.dumps({
    "median_ms": times[len(times) // 2] * 1000,
    "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
    "count": len(times),
}))
