#!/usr/bin/env python3
"""Writes iam.json: conformance cases for `vaultwatch policy simulate --json`.

Each expectation is worked out here, in a few lines per rule, from the AWS page the case cites; it is not
read from vaultwatch. Run from this folder: python3 generate_iam.py
"""
import json

EVAL = "IAM User Guide, Policy evaluation logic"
CROSS = "IAM User Guide, Cross-account policy evaluation logic"
OPS = "IAM User Guide, IAM JSON policy elements: Condition operators"
KEYS = "IAM User Guide, AWS global condition context keys"
VARS = "IAM User Guide, IAM policy elements: Variables and tags"
PRINCIPAL = "IAM User Guide, AWS JSON policy elements: Principal / NotPrincipal"
SCPEVAL = "AWS Organizations User Guide, SCP evaluation"
SCPS = "AWS Organizations User Guide, Service control policies"
VAULT = "AWS Backup Developer Guide, Vault access policies"

ACCOUNT = "111122223333"
OTHER = "444455556666"
RP = f"arn:aws:backup:us-east-1:{ACCOUNT}:recovery-point:rp-1"
VAULT_ARN = f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:central"
CALLERS = {
    "session": (f"arn:aws:sts::{ACCOUNT}:assumed-role/Dev/alice", f"arn:aws:iam::{ACCOUNT}:role/Dev"),
    "user": (f"arn:aws:iam::{ACCOUNT}:user/ops/alice", f"arn:aws:iam::{ACCOUNT}:user/ops/alice"),
    "root": (f"arn:aws:iam::{ACCOUNT}:root", f"arn:aws:iam::{ACCOUNT}:root"),
    "federated": (f"arn:aws:sts::{ACCOUNT}:federated-user/alice", f"arn:aws:sts::{ACCOUNT}:federated-user/alice"),
}
cases = []


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action="backup:DeleteRecoveryPoint", resource="*", condition=None, sid=None):
    s = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        s["Condition"] = condition
    if sid:
        s["Sid"] = sid
    return s


def deny(action="backup:DeleteRecoveryPoint", resource="*", condition=None, sid=None):
    s = allow(action, resource, condition, sid)
    s["Effect"] = "Deny"
    return s


def vault_stmt(effect, principal, action="backup:DeleteRecoveryPoint", condition=None, sid=None, key="Principal"):
    s = {"Effect": effect, key: principal, "Action": action, "Resource": "*"}
    if condition:
        s["Condition"] = condition
    if sid:
        s["Sid"] = sid
    return s


def m(policy, index, sid=None, level=None):
    entry = {"policy": policy, "index": index, "sid": sid}
    if level is not None:
        entry["level"] = level
    return entry


def add(name, doc_page, expect, matched=None, missing=(), caller="session", action="backup:DeleteRecoveryPoint",
        resource=RP, vault=None, identity=(), scps=(), context=None):
    caller_arn = CALLERS[caller][0] if caller in CALLERS else caller
    case = {"name": name, "doc": doc_page, "action": action, "caller": caller_arn, "resource": resource,
            "vault": vault, "identity": list(identity), "scps": list(scps), "context": context,
            "expect": {"decision": expect, "missingContextValues": list(missing)}}
    if matched is not None:
        case["expect"]["matchedStatements"] = matched
    cases.append(case)


# 1. Within the account: identity Allow OR vault Allow, a Deny anywhere wins, root needs no Allow; a vault
#    Allow naming only the account, without an identity Allow, is not documented by AWS Backup (unknown).
identities = {
    "none": [],
    "allow": [doc(allow(sid="Allow"))],
    "allow+deny": [doc(allow(sid="Allow"), deny(sid="Deny"))],
    "other": [doc(allow("backup:StartBackupJob"))],
}
vaults = {
    "none": None,
    "named": "named",
    "account": doc(vault_stmt("Allow", {"AWS": ACCOUNT}, sid="Account")),
    "everyone": doc(vault_stmt("Allow", "*", sid="Everyone")),
    "deny": doc(vault_stmt("Deny", "*", sid="DenyAll")),
}
for caller, (caller_arn, principal_arn) in CALLERS.items():
    for iname, idocs in identities.items():
        for vname, vdoc in vaults.items():
            if vname == "named":
                vdoc = doc(vault_stmt("Allow", {"AWS": principal_arn}, sid="Named"))
            id_allows = [m("identity", 0, "Allow")] if iname in ("allow", "allow+deny") else []
            denies = []
            if vname == "deny":
                denies.append(m("vault", 0, "DenyAll"))
            if iname == "allow+deny":
                denies.append(m("identity", 1, "Deny"))
            root = caller == "root"
            # root's "named" Allow names the account root: that is the account.
            vault_named = vname == "everyone" or (vname == "named" and not root)
            vault_account = vname == "account" or (vname == "named" and root)
            vault_allows = []
            if vname in ("named", "account", "everyone"):
                vault_allows = [m("vault", 0, {"named": "Named", "account": "Account", "everyone": "Everyone"}[vname])]
            identity_ok = root or bool(id_allows)
            name = f"same account: {caller}, identity {iname}, vault {vname}"
            if denies:
                add(name, EVAL, "explicitDeny", denies, caller=caller, vault=vdoc, identity=idocs)
            elif identity_ok or vault_named:
                add(name, EVAL, "allowed", vault_allows + id_allows, caller=caller, vault=vdoc, identity=idocs)
            elif vault_account:
                add(name, VAULT, "unknown", vault_allows, caller=caller, vault=vdoc, identity=idocs)
            else:
                add(name, EVAL, "implicitDeny", [], caller=caller, vault=vdoc, identity=idocs)

# 2. From another account: both sides must allow; AWS Backup refuses every call but CopyIntoBackupVault.
copier = f"arn:aws:sts::{OTHER}:assumed-role/Copier/job"
for action in ["backup:CopyIntoBackupVault", "backup:StartRestoreJob", "backup:DeleteRecoveryPoint",
               "backup:PutBackupVaultAccessPolicy"]:
    for iname, idocs in {"none": [], "allow": [doc(allow(action, sid="Allow"))]}.items():
        for vname, vdoc in {
            "none": None,
            "account": doc(vault_stmt("Allow", {"AWS": OTHER}, action, sid="Account")),
            "role": doc(vault_stmt("Allow", {"AWS": f"arn:aws:iam::{OTHER}:role/Copier"}, action, sid="Role")),
            "root-arn": doc(vault_stmt("Allow", {"AWS": f"arn:aws:iam::{OTHER}:root"}, action, sid="Root")),
            "deny": doc(vault_stmt("Deny", "*", action, sid="DenyAll")),
        }.items():
            name = f"cross account: {action}, identity {iname}, vault {vname}"
            resource = VAULT_ARN
            if vname == "deny":
                add(name, CROSS, "explicitDeny", [m("vault", 0, "DenyAll")], caller=copier, action=action,
                    resource=resource, vault=vdoc, identity=idocs)
            elif action != "backup:CopyIntoBackupVault":
                add(name, VAULT, "implicitDeny", [], caller=copier, action=action, resource=resource, vault=vdoc,
                    identity=idocs)
            elif iname == "allow" and vname in ("account", "role", "root-arn"):
                sid = {"account": "Account", "role": "Role", "root-arn": "Root"}[vname]
                add(name, CROSS, "allowed", [m("vault", 0, sid), m("identity", 0, "Allow")], caller=copier,
                    action=action, resource=resource, vault=vdoc, identity=idocs)
            else:
                add(name, CROSS, "implicitDeny", [], caller=copier, action=action, resource=resource, vault=vdoc,
                    identity=idocs)

# 3. SCPs per level: an Allow at every level, a Deny at any level; never a service-linked role.
FULL = doc(allow("*", sid="FullAWSAccess"))
S3 = doc(allow("s3:*", sid="S3Only"))
BACKUP = doc(allow("backup:*", sid="BackupOnly"))
DENY_DELETE = doc(deny("backup:Delete*", sid="DenyDelete"))
DENY_ALL = doc(deny("*", sid="DenyAll"))
configs = {
    "full": [FULL],
    "full,full,full": [FULL, FULL, FULL],
    "full,s3": [FULL, S3],
    "full,backup": [FULL, BACKUP],
    "full,[s3,backup]": [FULL, [S3, BACKUP]],
    "full,[full,deny-delete]": [FULL, [FULL, DENY_DELETE]],
    "[full,deny-all]": [[FULL, DENY_ALL]],
    "full,full,s3": [FULL, FULL, S3],
    "deny-delete": [DENY_DELETE],
    "[s3,deny-delete],full": [[S3, DENY_DELETE], FULL],
}
scp_callers = {
    "session": CALLERS["session"][0],
    "root": CALLERS["root"][0],
    "service-linked": f"arn:aws:sts::{ACCOUNT}:assumed-role/AWSServiceRoleForBackup/backup",
}


def level_docs(level):
    return level if isinstance(level, list) else [level]


for cname, levels in configs.items():
    for action in ["backup:DeleteRecoveryPoint", "backup:StartBackupJob"]:
        for caller, caller_arn in scp_callers.items():
            idocs = [] if caller == "root" else [doc(allow(action, sid="Allow"))]
            id_matched = [] if caller == "root" else [m("identity", 0, "Allow")]
            name = f"SCP levels {cname}: {caller} {action}"
            if caller == "service-linked":
                add(name, SCPS, "allowed", id_matched, caller=caller_arn, action=action, identity=idocs,
                    scps=levels)
                continue
            denies = []
            missing_level = False
            for n, level in enumerate(levels):
                covering_allow = False
                for d in level_docs(level):
                    for i, s in enumerate(d["Statement"]):
                        pattern = s["Action"]
                        covers = pattern == "*" or (pattern.endswith("*") and action.startswith(pattern[:-1])) \
                            or pattern == action
                        if covers and s["Effect"] == "Deny":
                            denies.append(m("scp", i, s["Sid"], n))
                        if covers and s["Effect"] == "Allow":
                            covering_allow = True
                missing_level = missing_level or not covering_allow
            if denies:
                add(name, SCPEVAL, "explicitDeny", denies, caller=caller_arn, action=action, identity=idocs,
                    scps=levels)
            elif missing_level:
                add(name, SCPEVAL, "implicitDeny", [], caller=caller_arn, action=action, identity=idocs, scps=levels)
            else:
                add(name, SCPEVAL, "allowed", id_matched, caller=caller_arn, action=action, identity=idocs,
                    scps=levels)

# 4. Condition keys: absent when IAM sets them whenever they apply, unknown when the request cannot know them.
known_absent = ["aws:PrincipalTag/team", "aws:SourceArn", "aws:PrincipalOrgID", "aws:SourceAccount",
                "aws:PrincipalServiceName"]
unknowable = ["aws:SourceIp", "aws:RequestedRegion", "aws:ResourceTag/team", "backup:CopyTargets",
              "aws:SourceVpce"]
value = {"aws:SourceIp": "10.0.0.1", "aws:SourceArn": "arn:aws:s3:::b"}
operators = {
    # operator: (holds when absent, test of a present value against the policy's value "v")
    "StringEquals": (False, lambda x: x == "v"),
    "StringNotEquals": (True, lambda x: x != "v"),
    "StringEqualsIfExists": (True, lambda x: x == "v"),
    "StringNotEqualsIfExists": (True, lambda x: x != "v"),
    "StringLike": (False, lambda x: x.startswith("v")),
    "ForAnyValue:StringEquals": (False, lambda x: x == "v"),
    "ForAllValues:StringEquals": (True, lambda x: x == "v"),
}
for key in known_absent + unknowable:
    for op, (absent_holds, test) in operators.items():
        policy_value = "v*" if op == "StringLike" else "v"
        identity = [doc(allow("*", condition={op: {key: policy_value}}, sid="Conditional"))]
        name = f"{op} on {key}, key not given"
        if key in unknowable:
            add(name, KEYS, "unknown", [m("identity", 0, "Conditional")], [key], identity=identity)
        else:
            holds = absent_holds
            add(name, OPS, "allowed" if holds else "implicitDeny", [m("identity", 0, "Conditional")] if holds else [],
                identity=identity)
        for given in ["v", "w"]:
            holds = test(given)
            add(f"{op} on {key} = {given}", OPS, "allowed" if holds else "implicitDeny",
                [m("identity", 0, "Conditional")] if holds else [], identity=identity, context={key: given})
    for op in ["Null"]:
        for wanted in ["true", "false"]:
            identity = [doc(allow("*", condition={"Null": {key: wanted}}, sid="Null"))]
            name = f"Null {wanted} on {key}, key not given"
            if key in unknowable:
                add(name, OPS, "unknown", [m("identity", 0, "Null")], [key], identity=identity)
            else:
                holds = wanted == "true"
                add(name, OPS, "allowed" if holds else "implicitDeny", [m("identity", 0, "Null")] if holds else [],
                    identity=identity)

# Keys IAM derives from the caller.
derived = [
    ("session", "aws:PrincipalType", "AssumedRole"), ("user", "aws:PrincipalType", "User"),
    ("root", "aws:PrincipalType", "Account"), ("federated", "aws:PrincipalType", "FederatedUser"),
    ("user", "aws:username", "alice"), ("session", "aws:PrincipalAccount", ACCOUNT),
    ("session", "aws:PrincipalArn", f"arn:aws:iam::{ACCOUNT}:role/Dev"), ("root", "aws:userid", ACCOUNT),
    ("federated", "aws:userid", f"{ACCOUNT}:alice"), ("session", "aws:RoleSessionName", "alice"),
    ("user", "aws:PrincipalArn", f"arn:aws:iam::{ACCOUNT}:user/ops/alice"),
]
for caller, key, wanted in derived:
    identity = [doc(allow(condition={"StringEquals": {key: wanted}}, sid="Derived"))]
    if caller == "root":
        # root needs no Allow: ask through a Deny instead.
        add(f"{key} of {caller} is derived", KEYS, "explicitDeny", [m("vault", 0, "Derived")], caller=caller,
            vault=doc(vault_stmt("Deny", "*", condition={"StringEquals": {key: wanted}}, sid="Derived")))
    else:
        add(f"{key} of {caller} is derived", KEYS, "allowed", [m("identity", 0, "Derived")], caller=caller,
            identity=identity)
for caller, key in [("session", "aws:username"), ("user", "aws:RoleSessionName"), ("session", "aws:userid")]:
    identity = [doc(allow(condition={"StringEquals": {key: "alice"}}, sid="Derived"))]
    add(f"{key} of {caller} is absent", KEYS, "implicitDeny", [], caller=caller, identity=identity)

# 5. Policy variables, resolved under 2012-10-17 only.
user_vault = f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:alice"
for caller, expect in [("user", "allowed"), ("session", "implicitDeny")]:
    add(f"${{aws:username}} in Resource, {caller}", VARS, expect,
        [m("identity", 0, "Own")] if expect == "allowed" else [], caller=caller, action="backup:DeleteBackupVault",
        resource=user_vault,
        identity=[doc(allow("backup:DeleteBackupVault", "arn:aws:backup:*:*:backup-vault:${aws:username}", sid="Own"))])
add("a variable under 2008-10-17 is text", VARS, "implicitDeny", [], caller="user", action="backup:DeleteBackupVault",
    resource=user_vault,
    identity=[{"Version": "2008-10-17", "Statement": [allow("backup:DeleteBackupVault",
                                                            "arn:aws:backup:*:*:backup-vault:${aws:username}")]}])
add("a variable without Version is text", VARS, "implicitDeny", [], caller="user", action="backup:DeleteBackupVault",
    resource=user_vault,
    identity=[{"Statement": [allow("backup:DeleteBackupVault", "arn:aws:backup:*:*:backup-vault:${aws:username}")]}])
for given, expect in [(None, "allowed"), ("payments", "implicitDeny"), ("shared", "allowed")]:
    add(f"a default value, tag {given}", VARS, expect, [m("identity", 0, "Team")] if expect == "allowed" else [],
        action="backup:DeleteBackupVault", resource=f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:shared",
        identity=[doc(allow("backup:DeleteBackupVault",
                            "arn:aws:backup:*:*:backup-vault:${aws:PrincipalTag/team, 'shared'}", sid="Team"))],
        context={"aws:PrincipalTag/team": given} if given else None)
for tag, expect in [("alice", "allowed"), ("bob", "implicitDeny")]:
    add(f"a variable in a condition, owner {tag}", VARS, expect,
        [m("identity", 0, "Owner")] if expect == "allowed" else [], caller="user",
        identity=[doc(allow(condition={"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}}, sid="Owner"))],
        context={"aws:PrincipalTag/owner": tag})
add("a variable the request cannot know", VARS, "unknown", [m("identity", 0, "Net")], ["aws:SourceIp"],
    identity=[doc(allow(condition={"StringLike": {"aws:PrincipalTag/net": "${aws:SourceIp}*"}}, sid="Net"))],
    context={"aws:PrincipalTag/net": "10.0.0.1"})
add("${*} is a literal star", VARS, "implicitDeny", [], action="backup:DeleteBackupVault",
    resource=f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:ab",
    identity=[doc(allow("backup:DeleteBackupVault", "arn:aws:backup:*:*:backup-vault:a${*}"))])

# 6. The caller and aws:PrincipalArn: Principal matches either; NotPrincipal spares a session only when the
#    account, the role and the session are listed.
alice, dev = CALLERS["session"]
bob = f"arn:aws:sts::{ACCOUNT}:assumed-role/Dev/bob"
for listed, caller, expect in [
    ([alice], alice, "explicitDeny"), ([alice], bob, "allowed"), ([dev], bob, "explicitDeny"),
    ([f"arn:aws:iam::{ACCOUNT}:role/Ops"], alice, "allowed"),
]:
    matched = [m("vault", 0, "Named")] if expect == "explicitDeny" else [m("identity", 0, "Allow")]
    add(f"Principal {listed} for {caller}", PRINCIPAL, expect, matched, caller=caller,
        vault=doc(vault_stmt("Deny", {"AWS": listed}, sid="Named")), identity=[doc(allow(sid="Allow"))])
for listed, expect in [
    ([ACCOUNT, dev], "explicitDeny"), ([ACCOUNT, dev, alice], "allowed"), ([dev, alice], "explicitDeny"),
    ([f"arn:aws:iam::{ACCOUNT}:root", dev, alice], "allowed"), ([ACCOUNT, alice], "explicitDeny"),
]:
    matched = [m("vault", 0, "Spare")] if expect == "explicitDeny" else [m("identity", 0, "Allow")]
    add(f"NotPrincipal {listed}", PRINCIPAL, expect, matched,
        vault=doc(vault_stmt("Deny", {"AWS": listed}, sid="Spare", key="NotPrincipal")),
        identity=[doc(allow(sid="Allow"))])

# 7. AWS Backup's vault access policy does not support wildcards in Action.
for action_value, expect in [("backup:*", "unknown"), ("*", "unknown"), ("backup:Delete*", "unknown"),
                             ("backup:Put*", "allowed"), ("backup:DeleteRecoveryPoint", "explicitDeny"),
                             (["backup:Delete*", "backup:DeleteRecoveryPoint"], "explicitDeny")]:
    matched = {"unknown": [m("vault", 0, "Deny")], "explicitDeny": [m("vault", 0, "Deny")],
               "allowed": [m("identity", 0, "Allow")]}[expect]
    add(f"vault Deny on {action_value}", VAULT, expect, matched,
        vault=doc(vault_stmt("Deny", "*", action_value, sid="Deny")), identity=[doc(allow(sid="Allow"))])

with open("iam.json", "w") as out:
    # One case a line: small, and a change shows as the cases it touches.
    out.write("[\n" + ",\n".join(json.dumps(case, sort_keys=True) for case in cases) + "\n]\n")
print(len(cases), "IAM cases")
