#!/usr/bin/env python3
"""botocore as the reference for vaultwatch's emulator and its driver.

  botocore_model_check.py responses ENDPOINT
      Calls every AWS Backup operation the emulator serves (and CloudTrail LookupEvents) with boto3,
      as the admin whose keys are in the environment. boto3 validates each request against the model
      and parses each response with botocore's own parser; besides, each raw response body is held
      against the operation's output shape member by member (no unknown member, every type as the
      model says, enums among their values). Errors must carry x-amzn-ErrorType with the expected code.

  botocore_model_check.py json-services ENDPOINT
      Calls what the emulator serves of Organizations, KMS and EventBridge with boto3, against the demo
      account (its organization, its keys, its rule), as the principal whose keys are in the
      environment: every response parsed by botocore and held against the output shape, the errors
      with their codes.

  botocore_model_check.py requests FILE
      FILE holds one JSON object a line: a request vaultwatch's client sent (operation, method, path,
      query, body). Each is read back into the operation's parameters through the model, validated
      with botocore's ParamValidator, serialised again with botocore's serializer, and must come out
      the same: method, path, query and body.

Prints one line per problem and `N passed, M failed` last; exits 1 on any problem.
"""
import datetime, json, sys, time, urllib.parse
import boto3, botocore.exceptions, botocore.session
from botocore.validate import ParamValidator
from botocore.serialize import create_serializer

SESSION = botocore.session.get_session()
BACKUP = SESSION.get_service_model('backup')
# JSON 1.1 services by their X-Amz-Target prefix.
BY_TARGET = {SESSION.get_service_model(name).metadata['targetPrefix']: SESSION.get_service_model(name)
             for name in ('cloudtrail', 'organizations', 'kms', 'events')}
problems, passed = [], 0


def check(shape, value, where):
    """Problems of `value` against `shape`, strictly."""
    t = shape.type_name
    if t == 'structure':
        if not isinstance(value, dict):
            return [f'{where}: expected a structure, got {type(value).__name__}']
        out = []
        for key, item in value.items():
            if key not in shape.members:
                out.append(f'{where}.{key}: not a member of {shape.name}')
            else:
                out += check(shape.members[key], item, f'{where}.{key}')
        return out
    if t == 'list':
        if not isinstance(value, list):
            return [f'{where}: expected a list']
        return [p for i, v in enumerate(value) for p in check(shape.member, v, f'{where}[{i}]')]
    if t == 'map':
        if not isinstance(value, dict):
            return [f'{where}: expected a map']
        return [p for k, v in value.items() for p in check(shape.value, v, f'{where}[{k}]')]
    if t == 'string':
        if not isinstance(value, str):
            return [f'{where}: expected a string, got {value!r}']
        if shape.enum and value not in shape.enum:
            return [f'{where}: {value!r} is not one of {shape.enum}']
        return []
    if t in ('integer', 'long'):
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f'{where}: expected an integer, got {value!r}']
    if t == 'boolean':
        return [] if isinstance(value, bool) else [f'{where}: expected a boolean, got {value!r}']
    if t == 'timestamp':
        return [] if isinstance(value, (int, float)) and not isinstance(value, bool) else [f'{where}: expected epoch seconds, got {value!r}']
    if t in ('double', 'float'):
        return [] if isinstance(value, (int, float)) else [f'{where}: expected a number']
    return []


def responses(endpoint):
    global passed
    seen = set()
    client = boto3.client('backup', endpoint_url=endpoint, region_name='us-east-1')
    trail = boto3.client('cloudtrail', endpoint_url=endpoint, region_name='us-east-1')

    for c in (client, trail):
        c.meta.events.register('before-parse', shape_checker(seen))

    role = 'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole'
    volume = 'arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0'
    client.create_backup_vault(BackupVaultName='model-a')
    client.create_backup_vault(BackupVaultName='model-b')
    client.describe_backup_vault(BackupVaultName='model-a')
    client.list_backup_vaults(MaxResults=1)
    client.put_backup_vault_access_policy(BackupVaultName='model-a', Policy=json.dumps(
        {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 'backup:CopyIntoBackupVault', 'Resource': '*'}]}))
    client.get_backup_vault_access_policy(BackupVaultName='model-a')
    client.delete_backup_vault_access_policy(BackupVaultName='model-a')
    client.put_backup_vault_notifications(BackupVaultName='model-a', SNSTopicArn='arn:aws:sns:us-east-1:111122223333:t',
                                          BackupVaultEvents=['BACKUP_JOB_FAILED', 'COPY_JOB_FAILED'])
    client.get_backup_vault_notifications(BackupVaultName='model-a')
    client.delete_backup_vault_notifications(BackupVaultName='model-a')
    job = client.start_backup_job(BackupVaultName='model-a', ResourceArn=volume, IamRoleArn=role, Lifecycle={'DeleteAfterDays': 20})
    client.describe_backup_job(BackupJobId=job['BackupJobId'])
    time.sleep(1.5)  # the emulator runs with --job-seconds 1
    done = client.describe_backup_job(BackupJobId=job['BackupJobId'])
    if done['State'] != 'COMPLETED':
        problems.append(f'DescribeBackupJob: the backup did not complete: {done}')
    client.list_backup_jobs(ByBackupVaultName='model-a', ByState='COMPLETED', ByCreatedAfter=datetime.datetime(2020, 1, 1))
    points = client.list_recovery_points_by_backup_vault(BackupVaultName='model-a', MaxResults=5)['RecoveryPoints']
    arn = points[0]['RecoveryPointArn']
    client.describe_recovery_point(BackupVaultName='model-a', RecoveryPointArn=arn)
    client.update_recovery_point_lifecycle(BackupVaultName='model-a', RecoveryPointArn=arn, Lifecycle={'DeleteAfterDays': 25})
    copy = client.start_copy_job(RecoveryPointArn=arn, SourceBackupVaultName='model-a', IamRoleArn=role,
                                 DestinationBackupVaultArn='arn:aws:backup:us-east-1:111122223333:backup-vault:model-b')
    time.sleep(1.5)
    client.describe_copy_job(CopyJobId=copy['CopyJobId'])
    client.list_copy_jobs(ByDestinationVaultArn='arn:aws:backup:us-east-1:111122223333:backup-vault:model-b')
    plan = client.create_backup_plan(BackupPlan={'BackupPlanName': 'model-plan', 'Rules': [
        {'RuleName': 'daily', 'TargetBackupVaultName': 'model-a', 'ScheduleExpression': 'cron(0 5 * * ? *)',
         'Lifecycle': {'DeleteAfterDays': 35}, 'CopyActions': [{'DestinationBackupVaultArn': 'arn:aws:backup:us-east-1:111122223333:backup-vault:model-b',
                                                               'Lifecycle': {'DeleteAfterDays': 35}}]}]})
    got = client.get_backup_plan(BackupPlanId=plan['BackupPlanId'])
    if got['BackupPlan']['Rules'][0].get('RuleId') is None:
        problems.append('GetBackupPlan: the rule has no RuleId')
    client.list_backup_plans()
    client.list_protected_resources()
    client.put_backup_vault_lock_configuration(BackupVaultName='model-a', MinRetentionDays=7, MaxRetentionDays=30)
    client.delete_backup_vault_lock_configuration(BackupVaultName='model-a')
    for point in client.list_recovery_points_by_backup_vault(BackupVaultName='model-b')['RecoveryPoints']:
        client.delete_recovery_point(BackupVaultName='model-b', RecoveryPointArn=point['RecoveryPointArn'])
    client.delete_recovery_point(BackupVaultName='model-a', RecoveryPointArn=arn)
    client.delete_backup_vault(BackupVaultName='model-b')
    # Every page of a paginated listing, through botocore's own paginator.
    pages = list(client.get_paginator('list_backup_vaults').paginate(PaginationConfig={'PageSize': 1}))
    if sum(len(p['BackupVaultList']) for p in pages) != 1:
        problems.append(f'ListBackupVaults paginator: {pages}')
    trail.lookup_events(LookupAttributes=[{'AttributeKey': 'EventSource', 'AttributeValue': 'backup.amazonaws.com'}], MaxResults=5)
    expect_error('ResourceNotFoundException', client.describe_backup_vault, BackupVaultName='nope')
    expect_error('AlreadyExistsException', client.create_backup_vault, BackupVaultName='model-a')
    expect_error('InvalidParameterValueException', client.list_backup_vaults, NextToken='not-a-token')
    expect_error('ResourceNotFoundException', client.describe_backup_job, BackupJobId='F00')
    expect_error('MissingParameterValueException', client.put_backup_vault_access_policy, BackupVaultName='model-a', Policy='')
    served = {'CreateBackupVault', 'DescribeBackupVault', 'ListBackupVaults', 'GetBackupVaultAccessPolicy',
              'GetBackupVaultNotifications', 'StartBackupJob', 'DescribeBackupJob', 'ListBackupJobs', 'StartCopyJob',
              'DescribeCopyJob', 'ListCopyJobs', 'ListRecoveryPointsByBackupVault', 'DescribeRecoveryPoint',
              'UpdateRecoveryPointLifecycle', 'CreateBackupPlan', 'GetBackupPlan', 'ListBackupPlans',
              'ListProtectedResources', 'LookupEvents'}
    for name in sorted(served - seen):
        problems.append(f'{name}: no response body was checked')
    passed += len(seen)
    print('checked the responses of ' + ', '.join(sorted(seen)))


def expect_error(code, call, **kw):
    """The call must fail with `code`, in the body and in x-amzn-ErrorType alike."""
    global passed
    try:
        call(**kw)
        problems.append(f'{call.__name__}: expected {code}, it succeeded')
    except botocore.exceptions.ClientError as e:
        got = e.response['Error']['Code']
        header = e.response['ResponseMetadata']['HTTPHeaders'].get('x-amzn-errortype')
        if got != code or header != code:
            problems.append(f'{call.__name__}: expected {code}, got {got} (header {header})')
        else:
            passed += 1


def shape_checker(seen):
    """A before-parse hook holding each successful raw body against the operation's output shape."""
    def before_parse(operation_model=None, response_dict=None, **_):
        body = response_dict['body']
        if response_dict['status_code'] >= 300 or not body:
            return
        seen.add(operation_model.name)
        try:
            value = json.loads(body)
        except ValueError:
            problems.append(f'{operation_model.name}: response body is not JSON')
            return
        problems.extend(check(operation_model.output_shape, value, operation_model.name))
    return before_parse


def json_services(endpoint):
    global passed
    seen = set()
    clients = {name: boto3.client(name, endpoint_url=endpoint, region_name='us-east-1')
               for name in ('organizations', 'kms', 'events')}
    for c in clients.values():
        c.meta.events.register('before-parse', shape_checker(seen))
    org, kms, events = clients['organizations'], clients['kms'], clients['events']

    described = org.describe_organization()['Organization']
    root = org.list_roots()['Roots'][0]['Id']
    account = boto3.client('sts', endpoint_url=endpoint, region_name='us-east-1').get_caller_identity()['Account']
    unit = org.list_parents(ChildId=account)['Parents'][0]
    if unit['Type'] != 'ORGANIZATIONAL_UNIT' or org.list_parents(ChildId=unit['Id'])['Parents'][0]['Id'] != root:
        problems.append(f'ListParents: the path from {account} does not lead through an OU to {root}')
    names = []
    for target in (root, unit['Id'], account):
        for policy in org.list_policies_for_target(TargetId=target, Filter='SERVICE_CONTROL_POLICY')['Policies']:
            names.append(policy['Name'])
            content = org.describe_policy(PolicyId=policy['Id'])['Policy']['Content']
            json.loads(content)
    if 'central-backup-vault-guardrail' not in names or names.count('FullAWSAccess') != 3:
        problems.append(f'ListPoliciesForTarget: the demo SCP and FullAWSAccess at each level expected, got {names}')
    paginated = [p['Name'] for page in org.get_paginator('list_policies').paginate(
        Filter='SERVICE_CONTROL_POLICY', PaginationConfig={'PageSize': 1}) for p in page['Policies']]
    if sorted(paginated) != ['FullAWSAccess', 'central-backup-vault-guardrail']:
        problems.append(f'ListPolicies paginator: {paginated}')
    aliases = kms.list_aliases()['Aliases']
    for alias in aliases:
        key = kms.describe_key(KeyId=alias['AliasName'])['KeyMetadata']
        if key['KeyId'] != alias['TargetKeyId'] or key['KeyManager'] != 'CUSTOMER':
            problems.append(f'DescribeKey {alias["AliasName"]}: {key}')
        kms.list_aliases(KeyId=key['Arn'])
    if not aliases:
        problems.append('ListAliases: the demo keys have no alias')
    rules = events.list_rules(EventBusName='default')['Rules']
    for rule in rules:
        events.describe_rule(Name=rule['Name'], EventBusName='default')
        events.list_targets_by_rule(Rule=rule['Name'], EventBusName='default')
    events.put_rule(Name='oracle-rule', EventPattern=json.dumps({'source': ['aws.backup']}), State='DISABLED')
    events.put_targets(Rule='oracle-rule', Targets=[{'Id': 't1', 'Arn': 'arn:aws:sns:us-east-1:111122223333:t'}])
    events.remove_targets(Rule='oracle-rule', Ids=['t1'])
    events.delete_rule(Name='oracle-rule')
    expect_error('ChildNotFoundException', org.list_parents, ChildId='999999999999')
    expect_error('PolicyNotFoundException', org.describe_policy, PolicyId='p-00000000')
    expect_error('NotFoundException', kms.describe_key, KeyId='alias/nope')
    expect_error('InvalidEventPatternException', events.put_rule, Name='bad', EventPattern='{"detail": 5}')
    expect_error('ResourceNotFoundException', events.describe_rule, Name='nope')
    served = {'DescribeOrganization', 'ListRoots', 'ListParents', 'ListPoliciesForTarget', 'ListPolicies', 'DescribePolicy',
              'DescribeKey', 'ListAliases', 'ListRules', 'DescribeRule', 'ListTargetsByRule', 'PutRule', 'PutTargets',
              'RemoveTargets'}
    for name in sorted(served - seen):
        problems.append(f'{name}: no response body was checked')
    passed += len(seen)
    print(f'organization {described["Id"]}; checked the responses of ' + ', '.join(sorted(seen)))


def parameters(model, op, record):
    """The operation's parameters as botocore would have been given them, read off the wire."""
    shape = op.input_shape
    params = {}
    if shape is None:
        return params
    template = op.http['requestUri'].split('?')[0].split('/')
    sent = record['path'].split('/')
    labels = {}
    if len(template) == len(sent):
        for t, s in zip(template, sent):
            if t.startswith('{'):
                labels[t.strip('{}+')] = urllib.parse.unquote(s)
    query = dict(urllib.parse.parse_qsl(record['query'], keep_blank_values=True))
    body = json.loads(record['body']) if record['body'] else {}
    for name, member in shape.members.items():
        location = member.serialization.get('location')
        wire = member.serialization.get('name', name)
        if location == 'uri' and wire in labels:
            params[name] = labels[wire]
        elif location == 'querystring' and wire in query:
            value = query[wire]
            if member.type_name in ('integer', 'long'):
                value = int(value)
            elif member.type_name == 'boolean':
                value = value == 'true'
            elif member.type_name == 'timestamp':
                value = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
            params[name] = value
        elif location is None and name in body:
            value = body[name]
            if member.type_name == 'timestamp':
                value = datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
            params[name] = value
    unknown = set(body) - set(shape.members)
    if unknown:
        problems.append(f"{record['operation']}: body members not in the model: {sorted(unknown)}")
    return params


def requests(path):
    global passed
    for line in open(path):
        record = json.loads(line)
        model = BY_TARGET[record['target']] if record.get('target') else BACKUP
        op = model.operation_model(record['operation'])
        if op.input_shape is None:
            # No input (DescribeOrganization): botocore sends an empty JSON object.
            if json.loads(record['body'] or '{}') != {}:
                problems.append(f"{record['operation']}: takes no input, got {record['body']}")
            else:
                passed += 1
            continue
        params = parameters(model, op, record)
        report = ParamValidator().validate(params, op.input_shape)
        if report.has_errors():
            problems.append(f"{record['operation']}: {report.generate_report()}")
            continue
        wire = create_serializer(model.metadata['protocol']).serialize_to_request(params, op)
        query = dict(urllib.parse.parse_qsl(record['query'], keep_blank_values=True))
        raw = wire['query_string']
        theirs = dict(urllib.parse.parse_qsl(raw)) if isinstance(raw, str) else {k: str(v) for k, v in raw.items()}
        mine_body = json.loads(record['body']) if record['body'] else None
        their_body = json.loads(wire['body']) if wire['body'] else None
        if model is BACKUP and their_body == {}:
            their_body = None
        differences = []
        if wire['method'] != record['method']:
            differences.append(f"method {record['method']} vs botocore's {wire['method']}")
        if model is BACKUP and wire['url_path'] != record['path']:
            differences.append(f"path {record['path']} vs botocore's {wire['url_path']}")
        if theirs != query:
            differences.append(f'query {query} vs botocore\'s {theirs}')
        if mine_body != their_body:
            differences.append(f'body {mine_body} vs botocore\'s {their_body}')
        if differences:
            problems.append(f"{record['operation']}: " + '; '.join(differences))
        else:
            passed += 1


if __name__ == '__main__':
    mode, argument = sys.argv[1], sys.argv[2]
    try:
        {'responses': responses, 'json-services': json_services, 'requests': requests}[mode](argument)
    except Exception as e:  # a botocore parse failure or an unexpected error is a problem, not a crash
        problems.append(f'{type(e).__name__}: {e}')
    for p in problems:
        print(p)
    print(f'{passed} passed, {len(problems)} failed')
    sys.exit(1 if problems else 0)
