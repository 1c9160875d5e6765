"""Peer of figure 12's `vaults`: lists a store's vaults with how many recovery points each holds, as a
script over the JSON-lines files would: orjson over vaults.jsonl, and the lines of each vault's points
file counted (no parsing). The harness times the whole process. Usage: list_vaults.py STORE"""
import os
import sys

from store_lines import records

store = sys.argv[1]
vaults = {vault["name"]: vault for vault in records(f"{store}/vaults.jsonl", "vault")}
for name in sorted(vaults):
    path = f"{store}/points/{name}.jsonl"
    count = 0
    if os.path.exists(path):
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                count += chunk.count(b"\n")
    print(f"{name}  {count}")
