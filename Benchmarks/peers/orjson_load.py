"""Peer of figure 1: orjson.loads over every line of the given JSON-lines files.

Only the parse loop is timed (the files are read and split first), as in
shared/docs/swift-on-this-machine.md section 4; the harness also times the whole process.
Python runs it on one core. Prints one JSON object: parse_seconds, cpu_seconds (user + system
time of the process during the parse loop), lines, bytes.
"""
import json
import resource
import sys
import time

import orjson


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


lines = []
size = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    size += len(data)
    lines.extend(line for line in data.split(b"\n") if line)

cpu_start = cpu()
start = time.perf_counter()
seqs = 0
for line in lines:
    seqs += orjson.loads(line)["seq"]
seconds = time.perf_counter() - start
cpu_seconds = cpu() - cpu_start
print(json.dumps({"parse_seconds": seconds, "cpu_seconds": cpu_seconds, "lines": len(lines), "bytes": size,
                  "checksum": seqs}))
