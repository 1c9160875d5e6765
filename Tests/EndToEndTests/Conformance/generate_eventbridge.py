#!/usr/bin/env python3
"""Writes eventbridge.json: conformance cases for `vaultwatch rule test`.

Expectations follow the EventBridge User Guide (Event patterns, Comparison operators, Arrays, Null values and
empty strings) and the behaviour event-ruler's own tests pin down; they are worked out here, not read from
vaultwatch. A case's event is completed with the envelope TestEventPattern requires (id, account, source, time,
region, resources, detail-type) for the fields it does not set; pattern and event are stored as the JSON text
the command reads. Run from this folder:
python3 generate_eventbridge.py
"""
import json

PATTERNS = "EventBridge User Guide, Creating event patterns (eb-event-patterns.html)"
OPERATORS = "EventBridge User Guide, Comparison operators (eb-create-pattern-operators.html)"
ARRAYS = "EventBridge User Guide, Arrays in event patterns (eb-event-patterns-arrays.html)"
NULLS = "EventBridge User Guide, Null values and empty strings (eb-event-patterns-null-values.html)"
PUTRULE = "EventBridge API Reference, PutRule (EventPattern: length 1-4096)"
RULER = "aws/event-ruler tests (JsonRuleCompilerTest, MachineComplexityEvaluatorTest)"
cases = []
ENVELOPE = {"id": "e1", "account": "111122223333", "source": "aws.backup", "time": "2026-11-22T12:00:00Z",
            "region": "us-east-1", "resources": [], "detail-type": "AWS API Call via CloudTrail"}


def add(name, doc, pattern, event, expect):
    cases.append({"name": name, "doc": doc, "pattern": json.dumps(pattern, ensure_ascii=False),
                  "event": json.dumps({**ENVELOPE, **event}, ensure_ascii=False), "expect": expect})


def grid(name, doc, pattern, values, field="v"):
    """One pattern on detail.<field> against values: (value, matches)."""
    for value, expect in values:
        add(f"{name}: {json.dumps(value, ensure_ascii=False)}", doc, {"detail": {field: pattern}},
            {"detail": {field: value}}, expect)


# Exact values: strings case-sensitive and byte for byte, numbers numerically, null and "" as themselves.
grid("exact string", PATTERNS, ["running", "pending"],
     [("running", True), ("pending", True), ("Running", False), ("runnin", False), ("running ", False), ("", False),
      (["stopped", "running"], True), (["stopped"], False), ([], False), (None, False), (5, False),
      ({"running": 1}, False)])
grid("exact number", PATTERNS, [100],
     [(100, True), (100.0, True), (1e2, True), ("100", False), (100.5, False), ([1, 100], True), (-100, False)])
grid("exact float", PATTERNS, [3.018e2], [(301.8, True), (301.80, True), (301.81, False)])
grid("exact boolean", PATTERNS, [True], [(True, True), (False, False), ("true", False), (1, False)])
grid("exact null", NULLS, [None], [(None, True), ("null", False), ("", False), (0, False)])
grid("empty string", NULLS, [""], [("", True), (" ", False), (None, False), ([""], True)])
grid("byte for byte", PATTERNS, ["caf\u00e9"], [("caf\u00e9", True), ("cafe\u0301", False), ("CAF\u00c9", False)])
grid("decomposed", PATTERNS, ["cafe\u0301"], [("cafe\u0301", True), ("caf\u00e9", False)])
grid("kelvin is not K", PATTERNS, ["K"], [("K", True), ("\u212a", False)])
add("missing field", PATTERNS, {"detail": {"v": ["x"]}}, {"detail": {"w": "x"}}, False)
add("missing object", PATTERNS, {"detail": {"v": ["x"]}}, {}, False)
add("nested", PATTERNS, {"detail": {"a": {"b": ["x"]}}}, {"detail": {"a": {"b": "x"}}}, True)
add("nested, leaf is object", PATTERNS, {"detail": {"a": ["x"]}}, {"detail": {"a": {"b": "x"}}}, False)
add("every field must match", PATTERNS, {"source": ["aws.backup"], "detail": {"v": ["x"]}},
    {"source": "aws.backup", "detail": {"v": "y"}}, False)
add("every field matches", PATTERNS, {"source": ["aws.backup"], "detail": {"v": ["x"]}},
    {"source": "aws.backup", "detail": {"v": "x"}}, True)
add("envelope field", PATTERNS, {"account": ["111122223333"]}, {"account": "111122223333"}, True)

# Arrays: the pattern matches when its values and the event's intersect; objects in arrays match as a whole.
add("array of objects, one element", ARRAYS, {"detail": {"a": {"b": ["x"], "c": ["y"]}}},
    {"detail": {"a": [{"b": "x", "c": "y"}, {"b": "z"}]}}, True)
add("array of objects, fields from two elements", ARRAYS, {"detail": {"a": {"b": ["x"], "c": ["y"]}}},
    {"detail": {"a": [{"b": "x", "c": "z"}, {"b": "z", "c": "y"}]}}, False)
add("resources intersect", ARRAYS, {"resources": ["arn:aws:ec2:us-east-1:1:instance/i-1", "arn:x"]},
    {"resources": ["arn:y", "arn:x"]}, True)
add("resources do not intersect", ARRAYS, {"resources": ["arn:x"]}, {"resources": ["arn:y"]}, False)

# prefix / suffix, with and without equals-ignore-case; equals-ignore-case; wildcard.
grid("prefix", OPERATORS, [{"prefix": "us-"}],
     [("us-east-1", True), ("us-", True), ("eu-west-1", False), ("US-east-1", False), ("u", False), (5, False),
      (["eu-west-1", "us-west-2"], True)])
grid("empty prefix", RULER, [{"prefix": ""}], [("", True), ("x", True), (5, False)])
grid("prefix, ignoring case", OPERATORS, [{"prefix": {"equals-ignore-case": "EventB"}}],
     [("eventbridge", True), ("EVENTBRIDGE", True), ("EventB", True), ("Event", False), ("xeventb", False)])
grid("suffix", OPERATORS, [{"suffix": ".png"}],
     [("image.png", True), (".png", True), ("image.PNG", False), ("image.png.bak", False), ("png", False)])
grid("suffix, ignoring case", OPERATORS, [{"suffix": {"equals-ignore-case": ".png"}}],
     [("image.PNG", True), ("image.Png", True), ("image.jpg", False)])
grid("equals-ignore-case", OPERATORS, [{"equals-ignore-case": "alice"}],
     [("alice", True), ("ALICE", True), ("AlIcE", True), ("alic", False), ("alice ", False), (5, False)])
grid("wildcard", OPERATORS, [{"wildcard": "dir/*.png"}],
     [("dir/a.png", True), ("dir/.png", True), ("dir/sub/a.png", True), ("dir/a.jpg", False), ("xdir/a.png", False)])
grid("wildcard, several stars", OPERATORS, [{"wildcard": "*Title*"}],
     [("Title", True), ("My Title here", True), ("title", False)])
grid("wildcard, escaped star", RULER, [{"wildcard": "a\\*b"}], [("a*b", True), ("axb", False)])
grid("wildcard without star", RULER, [{"wildcard": "abc"}], [("abc", True), ("abcd", False)])
grid("byte prefix", OPERATORS, [{"prefix": "e"}], [("e\u0301", True), ("\u00e9", False)])
grid("byte suffix", OPERATORS, [{"suffix": "\u00e9"}], [("caf\u00e9", True), ("cafe\u0301", False)])

# anything-but.
grid("anything-but string", OPERATORS, [{"anything-but": "initializing"}],
     [("running", True), ("initializing", False), (5, True), (["initializing", "running"], True),
      (["initializing"], False)])
grid("anything-but list", OPERATORS, [{"anything-but": ["stopped", "overloaded"]}],
     [("running", True), ("stopped", False), ("overloaded", False)])
grid("anything-but numbers", OPERATORS, [{"anything-but": [100, 200]}],
     [(100, False), (100.0, False), (150, True), ("100", True)])
grid("anything-but prefix", OPERATORS, [{"anything-but": {"prefix": "init"}}],
     [("initializing", False), ("running", True), ("INIT", True)])
grid("anything-but prefixes", OPERATORS, [{"anything-but": {"prefix": ["us-", "eu-"]}}],
     [("us-east-1", False), ("eu-west-1", False), ("ap-south-1", True)])
grid("anything-but suffix", OPERATORS, [{"anything-but": {"suffix": ".png"}}],
     [("a.png", False), ("a.jpg", True)])
grid("anything-but ignoring case", OPERATORS, [{"anything-but": {"equals-ignore-case": ["Stopped", "x"]}}],
     [("STOPPED", False), ("running", True)])
grid("anything-but wildcard", OPERATORS, [{"anything-but": {"wildcard": "*/lib/*"}}],
     [("/usr/lib/x", False), ("/usr/bin/x", True)])
add("anything-but on a missing field", OPERATORS, {"detail": {"v": [{"anything-but": "x"}]}}, {"detail": {}}, False)

# numeric.
grid("numeric range", OPERATORS, [{"numeric": [">", 0, "<=", 5]}],
     [(0, False), (0.1, True), (5, True), (5.0001, False), (-1, False), ("3", False), ([9, 3], True)])
grid("numeric equals", OPERATORS, [{"numeric": ["=", 3.018e2]}], [(301.8, True), (301.9, False)])
grid("numeric lower bound", OPERATORS, [{"numeric": [">=", 10]}], [(10, True), (9.999, False), (1e9, True)])
grid("numeric upper bound", OPERATORS, [{"numeric": ["<", 10]}], [(10, False), (-5e9, True)])

# exists.
grid("exists true", OPERATORS, [{"exists": True}], [("x", True), (None, True), ({"a": 1}, False), ([], False)])
add("exists false, missing", OPERATORS, {"detail": {"v": [{"exists": False}]}}, {"detail": {"w": 1}}, True)
add("exists false, present", OPERATORS, {"detail": {"v": [{"exists": False}]}}, {"detail": {"v": "x"}}, False)
add("exists false, intermediate object", OPERATORS, {"detail": {"v": [{"exists": False}]}},
    {"detail": {"v": {"a": 1}}}, True)
add("exists false, no detail at all", OPERATORS, {"detail": {"v": [{"exists": False}]}}, {}, True)

# cidr.
grid("cidr IPv4", OPERATORS, [{"cidr": "10.0.0.0/24"}],
     [("10.0.0.1", True), ("10.0.0.255", True), ("10.0.1.1", False), ("not an ip", False), ("2001:db8::1", False)])
grid("cidr IPv6", OPERATORS, [{"cidr": "2001:db8::/32"}], [("2001:db8::1", True), ("2001:db9::1", False)])

# $or.
OR = {"$or": [{"detail": {"a": ["1"]}}, {"detail": {"b": ["2"]}}]}
add("$or first branch", OPERATORS, OR, {"detail": {"a": "1"}}, True)
add("$or second branch", OPERATORS, OR, {"detail": {"b": "2"}}, True)
add("$or neither", OPERATORS, OR, {"detail": {"a": "2", "b": "1"}}, False)
add("$or with a common field", OPERATORS,
    {"source": ["aws.backup"], "$or": [{"detail-type": ["A"]}, {"detail": {"x": ["1"]}}]},
    {"source": "aws.backup", "detail-type": "B", "detail": {"x": "1"}}, True)
add("$or with a common field that fails", OPERATORS,
    {"source": ["aws.backup"], "$or": [{"detail-type": ["A"]}, {"detail": {"x": ["1"]}}]},
    {"source": "aws.s3", "detail-type": "A"}, False)
add("nested $or", OPERATORS,
    {"detail": {"$or": [{"a": ["1"]}, {"b": ["1"], "$or": [{"c": ["1"]}, {"d": ["1"]}]}]}},
    {"detail": {"b": "1", "d": "1"}}, True)
add("nested $or, inner fails", OPERATORS,
    {"detail": {"$or": [{"a": ["1"]}, {"b": ["1"], "$or": [{"c": ["1"]}, {"d": ["1"]}]}]}},
    {"detail": {"b": "1", "e": "1"}}, False)

# The seeds' rule: sensitive calls by anyone but the admins.
SEED = {"source": ["aws.backup"], "detail": {"eventName": ["DeleteRecoveryPoint"], "userIdentity": {
    "sessionContext": {"sessionIssuer": {"arn": [{"anything-but": ["arn:aws:iam::1:role/Admin"]}]}}}}}
for issuer, expect in [("arn:aws:iam::1:role/Dev", True), ("arn:aws:iam::1:role/Admin", False)]:
    add(f"seed rule, issuer {issuer}", OPERATORS, SEED, {"source": "aws.backup", "detail": {
        "eventName": "DeleteRecoveryPoint", "userIdentity": {"sessionContext": {"sessionIssuer": {"arn": issuer}}}}},
        expect)
add("seed rule, root has no session issuer", OPERATORS, SEED,
    {"source": "aws.backup", "detail": {"eventName": "DeleteRecoveryPoint", "userIdentity": {"type": "Root"}}}, False)

# Behaviours event-ruler's RulerTest pins down: arrays of arrays of objects, exists, several operators at once.
EMPLOYEES = {"employees": [[{"firstName": "John", "lastName": "Doe", "ids": [1234, 1000, 9999]},
                            {"firstName": "Anna", "lastName": "Smith"}],
                           [{"firstName": "Peter", "lastName": "Jones", "ids": []}]]}
for pattern, expect in [
    ({"employees": {"firstName": ["Anna"]}}, True),
    ({"employees": {"firstName": ["John"], "ids": [1000]}}, True),
    ({"employees": {"firstName": ["Anna"], "ids": [{"exists": False}]}}, True),
    ({"employees": {"firstName": ["Alice"]}}, False),
    ({"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}, False),
    ({"employees": ["b"]}, False),
    ({"employees": {"firstName": ["Anna"], "ids": [1000]}}, False),
    ({"employees": {"firstName": ["Anna"], "ids": [{"exists": True}]}}, False),
    ({"employees": {"firstName": ["Peter"], "ids": [{"exists": False}]}}, True),
]:
    add(f"arrays of arrays: {json.dumps(pattern)}", RULER, pattern, EMPLOYEES, expect)
for pattern, event, expect in [
    ({"a": [{"exists": True}]}, {"a": 1}, True), ({"b": [{"exists": False}]}, {"a": 1}, True),
    ({"x": [{"exists": True}]}, {"b": 2}, False), ({"x": [{"exists": False}]}, {"x": "X"}, False),
    ({"a": [1]}, {"a": 1}, True), ({"x": ["X"]}, {"x": True}, False), ({"a": [1]}, {"x": True}, False),
]:
    add(f"simple: {json.dumps(pattern)} on {json.dumps(event)}", RULER, pattern, event, expect)
SEVERAL = {"a": [{"anything-but": ["dad0", "dad1", "dad2"]}], "b": [{"anything-but": [111, 222, 333]}],
           "c": [{"anything-but": "zdd"}], "d": [{"anything-but": 444}], "z": [{"numeric": [">", 0, "<", 1]}],
           "w": [{"anything-but": {"prefix": "zax"}}]}
base = {"a": "child1", "b": "444", "c": "child1", "d": 123, "w": "xaz", "z": 0.001}
for change, expect in [({}, True), ({"c": "zdd"}, False), ({"z": 1.01}, False), ({"a": "dad1"}, False),
                       ({"b": 111}, False), ({"d": 444}, False), ({"w": "zaxonie"}, False), ({"b": 789}, True),
                       ({"z": 0.999999}, True)]:
    add(f"several anything-but: {json.dumps(change)}", RULER, SEVERAL, {**base, **change}, expect)
IGNORE = {"a": [{"equals-ignore-case": "aBc"}], "b": [{"equals-ignore-case": "Def"}],
          "c": [{"equals-ignore-case": "xyZ"}]}
for event, expect in [({"a": "ABC", "b": "defx", "c": "xYz"}, False), ({"a": "ABC", "c": "xYz"}, False),
                      ({"a": "ABC", "b": "xYz", "c": "def"}, False), ({"a": "ABC", "b": "def", "c": "xYz"}, True)]:
    add(f"several equals-ignore-case: {json.dumps(event)}", RULER, IGNORE, event, expect)
WILD = {"a": [{"wildcard": "*bc"}], "b": [{"wildcard": "d*f"}], "c": [{"wildcard": "xy*"}], "d": [{"wildcard": "xy*"}]}
for event, expect in [({"a": "abcbc", "b": "deeeefx", "c": "xy", "d": "xyzzz"}, False),
                      ({"a": "abcbc", "b": "deeeef", "d": "xyzzz"}, False),
                      ({"a": "abcbc", "b": "xy", "c": "deeeef", "d": "xyzzz"}, False),
                      ({"a": "abcbc", "b": "deeeef", "c": "xy", "d": "xyzzz"}, True)]:
    add(f"several wildcards: {json.dumps(event)}", RULER, WILD, event, expect)

# Patterns EventBridge refuses.
invalid = [
    ({"source": "aws.backup"}, "a value that is not an array"),
    ({"source": []}, "an empty array"),
    ({"detail": {}}, "an empty object"),
    ({"a": [["x"]]}, "a nested array"),
    ({"a": [{"prefix": "x", "suffix": "y"}]}, "two operators in one object"),
    ({"a": [{"prefixx": "x"}]}, "an unknown operator"),
    ({"a": [{"prefix": 5}]}, "a prefix that is not a string"),
    ({"a": [{"anything-but": []}]}, "an empty anything-but list"),
    ({"a": [{"anything-but": ["x", 1]}]}, "a mixed anything-but list"),
    ({"a": [{"anything-but": {"prefix": ""}}]}, "an empty anything-but prefix"),
    ({"a": [{"anything-but": {"suffix": ""}}]}, "an empty anything-but suffix"),
    ({"a": [{"anything-but": {"prefix": ["x", ""]}}]}, "an empty prefix in an anything-but list"),
    ({"a": [{"anything-but": {"suffix": ["", "y"]}}]}, "an empty suffix in an anything-but list"),
    ({"a": [{"anything-but": {"numeric": [">", 1]}}]}, "numeric inside anything-but"),
    ({"a": [{"numeric": ["!=", 1]}]}, "an unknown numeric operator"),
    ({"a": [{"numeric": [">", 5, "<", 1]}]}, "an empty numeric range"),
    ({"a": [{"numeric": [">", 6e9]}]}, "a number beyond 5e9"),
    ({"a": [{"exists": "true"}]}, "exists that is not a boolean"),
    ({"a": [{"cidr": "10.0.0.0/33"}]}, "a malformed CIDR"),
    ({"a": [{"wildcard": "a**b"}]}, "consecutive wildcard characters"),
    ({"a": [{"wildcard": "a\\b"}]}, "an invalid wildcard escape"),
    ({"$or": [{"a": ["x"]}]}, "$or with one branch"),
    ({"$or": [{"numeric": ["x"]}, {"b": ["y"]}]}, "a reserved word as a field inside $or"),
    ({"$or": [{"a": {"prefix": ["x"]}}, {"b": ["y"]}]}, "a reserved word nested inside $or"),
    ({"a": [{"wildcard": "*a*a*a*a*a*"}]}, "a wildcard too complex"),
    ({"r": [{"wildcard": f"*:stack/{n}/*"} for n in "ABCD"]}, "four wildcards too complex together"),
    ({"$or": [{"r": [{"wildcard": "*:stack/A/*"}, {"wildcard": "*:stack/B/*"}]},
              {"r": [{"wildcard": "*:stack/C/*"}, {"wildcard": "*:stack/D/*"}]}]}, "wildcards across $or branches"),
    ({"source": ["x" * 4100]}, "a pattern longer than 4096 characters"),
]
for pattern, why in invalid:
    add(f"invalid: {why}", PUTRULE if "4096" in why else (RULER if "reserved" in why or "complex" in why
                                                          or "empty anything-but" in why else OPERATORS),
        pattern, {"detail": {"a": "x"}}, "invalid")
valid_edges = [
    ({"r": [{"wildcard": f"*:stack/{n}/*"} for n in "ABC"]}, {"r": "x:stack/B/y"}, True, "three wildcards"),
    ({"numeric": [{"prefix": "x"}]}, {"numeric": "xy"}, True, "a reserved word outside $or"),
    ({"a": [{"wildcard": "*a*a*a*"}]}, {"a": "banana"}, True, "a wildcard simple enough"),
    ({"$or": [{"r": [{"wildcard": "*:stack/A/*"}]}, {"s": [{"wildcard": "*:stack/C/*"}]}]}, {"s": "1:stack/C/2"},
     True, "wildcards on different fields of $or branches"),
]
for pattern, event, expect, why in valid_edges:
    add(f"valid: {why}", RULER, pattern, event, expect)

with open("eventbridge.json", "w") as out:
    # One case a line: small, and a change shows as the cases it touches.
    out.write("[\n" + ",\n".join(json.dumps(case, sort_keys=True, ensure_ascii=False) for case in cases) + "\n]\n")
print(len(cases), "EventBridge cases")
