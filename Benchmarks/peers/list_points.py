"""Peer of figure 12's `points --vault V`: lists one vault's recovery points as a script over the
JSON-lines files would: orjson over that vault's points file, one line printed per point. The harness
times the whole process. Usage: list_points.py STORE VAULT"""
import sys

from store_lines import records

store, vault = sys.argv[1], sys.argv[2]
out = [
    "  ".join(str(point.get(key, "-")) for key in ("resourceArn", "resourceType", "creationDate"))
    for point in records(f"{store}/points/{vault}.jsonl", "recovery-point")
]
sys.stdout.write("\n".join(out) + "\n")
