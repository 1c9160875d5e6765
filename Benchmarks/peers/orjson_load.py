"""Peer of figure 1: orjson.loads over every line of the given JSON-lines files.

Only the parse loop is timed (the files are read and split first), as in
shared/docs/swift-on-this-machine.md section 4; the harness also times the whole process.
Prints one JSON object: parse_seconds, lines, bytes.
"""
import json
import sys
import time

import orjson

lines = []
size = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    size += len(data)
    lines.extend(line for line in data.split(b"\n") if line)

start = time.perf_counter()
seqs = 0
for line in lines:
    seqs += orjson.loads(line)["seq"]
seconds = time.perf_counter() - start
print(json.dumps({"parse_seconds": seconds, "lines": len(lines), "bytes": size, "checksum": seqs}))
