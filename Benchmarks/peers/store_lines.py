"""What the list_*.py peers share: the `data` of a store file's records of one type, parsed with orjson."""
import orjson


def records(path, kind):
    with open(path, "rb") as f:
        for line in f:
            record = orjson.loads(line)
            if record.get("type") == kind:
                yield record["data"]
