"""Peer of figure 5: append already encoded recovery point lines to one file per vault, in batches
of BATCH lines spread over the files as a sync's batch is, opening each file in append mode per
batch; ROUNDS times into fresh folders, of which the fastest counts.
Usage: bulk_append.py BATCH ROUNDS OUT_DIR FILE... Prints one JSON object: seconds, lines."""
import json
import os
import sys
import time

batch = int(sys.argv[1])
rounds = int(sys.argv[2])
out = sys.argv[3]
per_file = []
for path in sys.argv[4:]:
    with open(path, "rb") as f:
        per_file.append((os.path.basename(path), f.readlines()))

total = sum(len(lines) for _, lines in per_file)
chunk = max(1, batch // len(per_file))


def append_all(folder):
    os.makedirs(folder, exist_ok=True)
    offset = 0
    written = 0
    while written < total:
        for name, lines in per_file:
            part = lines[offset:offset + chunk]
            if part:
                with open(os.path.join(folder, name), "ab") as f:
                    f.write(b"".join(part))
                written += len(part)
        offset += chunk
    return written


seconds = float("inf")
for round in range(rounds):
    start = time.perf_counter()
    written = append_all(os.path.join(out, f"round{round}"))
    seconds = min(seconds, time.perf_counter() - start)
print(json.dumps({"seconds": seconds, "lines": written}))
