"""Peer of figure 12's `alerts`: lists a store's alerts, newest first, each with its acknowledgement, as
a script over the JSON-lines files would: orjson over alerts.jsonl and acks.jsonl, one line printed per
alert. The harness times the whole process. Usage: list_alerts.py STORE"""
import sys

from store_lines import records

store = sys.argv[1]
acks = {ack["alertId"]: ack for ack in records(f"{store}/acks.jsonl", "acknowledgement")}
alerts = list(records(f"{store}/alerts.jsonl", "alert"))
out = []
for alert in reversed(alerts):
    ack = acks.get(alert["id"])
    out.append("  ".join([
        alert["id"], alert["time"], alert["action"], alert["principal"]["arn"], alert.get("vaultName") or "-",
        alert["outcome"], f'{ack["by"]} {ack["at"]}' if ack else "NEW"]))
sys.stdout.write("\n".join(out) + "\n")
