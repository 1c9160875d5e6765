"""Peer of figure 5: append already encoded recovery point lines to one file per vault, in batches
of BATCH lines spread over the files as a sync's batch is, opening each file in append mode per
batch. Usage: bulk_append.py BATCH OUT_DIR FILE... Prints one JSON object: seconds, lines."""
import json
import os
import sys
import time

batch = int(sys.argv[1])
out = sys.argv[2]
sources = sys.argv[3:]
per_file = []
for path in sources:
    with open(path, "rb") as f:
        per_file.append((os.path.join(out, os.path.basename(path)), f.readlines()))

total = sum(len(lines) for _, lines in per_file)
chunk = max(1, batch // len(per_file))
start = time.perf_counter()
offset = 0
written = 0
while written < total:
    for target, lines in per_file:
        part = lines[offset:offset + chunk]
        if part:
            with open(target, "ab") as f:
                f.write(b"".join(part))
            written += len(part)
    offset += chunk
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "lines": written}))
