#!/usr/bin/env python3
"""botocore as the reference signer for AWSClient's SigV4 tests.

    sigv4_oracle.py generate SEED COUNT   -> JSON lines, one generated request each, built by botocore's own
                                            serializers (rest-json Backup, json 1.0/1.1, query STS) and signed
                                            by botocore's SigV4Auth with a frozen clock
    sigv4_oracle.py sign                  -> reads JSON lines {method,url,headers,body_b64,service,region,
                                            amz_date,token} on stdin, prints botocore's signature of each

Each output line: method, url, headers (before signing, as [name, value] pairs), body_b64, service, region,
amz_date, token (or null), canonical_request, authorization, and for generated cases the operation inputs
(protocol, operation, template, labels, query pairs, target) so the Swift side builds the request itself.
"""
import base64, datetime, io, json, logging, random, sys
from unittest import mock

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, prepare_request_dict, create_request_object
from botocore.credentials import Credentials
from botocore.serialize import create_serializer

SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
ACCESS = 'AKIDEXAMPLE'


def botocore_sign(method, url, headers, body, service, region, when, token):
    creds = Credentials(ACCESS, SECRET, token)
    req = AWSRequest(method=method, url=url, data=body, headers=dict(headers))
    log = io.StringIO(); h = logging.StreamHandler(log)
    lg = logging.getLogger('botocore.auth'); lg.setLevel(logging.DEBUG); lg.addHandler(h)
    with mock.patch('botocore.auth.get_current_datetime', return_value=when):
        SigV4Auth(creds, service, region).add_auth(req)
    lg.removeHandler(h)
    text = log.getvalue()
    canonical = text.split('CanonicalRequest:\n', 1)[1].split('\nStringToSign:', 1)[0]
    return canonical, req.headers['Authorization']


SESSION = botocore.session.get_session()
MODELS = {}


def model(name):
    if name not in MODELS:
        MODELS[name] = SESSION.get_service_model(name)
    return MODELS[name]


def rnd_text(r, alphabet, lo, hi):
    return ''.join(r.choice(alphabet) for _ in range(r.randint(lo, hi)))


NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.'
VALUE_CHARS = NAME_CHARS + ' +/=:~!*\'()&?#%@$,;[]' + 'éü世🌍'


def arn(r):
    kind = r.choice([
        lambda: f'arn:aws:ec2:us-east-1::snapshot/snap-{rnd_text(r, "0123456789abcdef", 8, 17)}',
        lambda: f'arn:aws:backup:eu-west-1:{r.randint(10**11, 10**12-1)}:recovery-point:{rnd_text(r, "0123456789ABCDEF-", 8, 36)}',
        lambda: f'arn:aws:rds:us-west-2:{r.randint(10**11, 10**12-1)}:snapshot:awsbackup:job-{rnd_text(r, NAME_CHARS, 3, 12)}',
        lambda: f'arn:aws:s3:::bucket-{rnd_text(r, "abc123.-", 3, 20)}/{rnd_text(r, VALUE_CHARS, 1, 10)}',
    ])
    return kind()


def when_of(r):
    return datetime.datetime(2026, 1, 2, 3, 4, 5) + datetime.timedelta(seconds=r.randint(0, 400 * 86400))


def rest_case_raw(r):
    vault = rnd_text(r, NAME_CHARS, 2, 50)
    choices = [
        ('ListBackupVaults', {k: v for k, v in {
            'ByVaultType': r.choice(['BACKUP_VAULT', 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', None]),
            'ByShared': r.choice([True, False, None]),
            'NextToken': r.choice([None, rnd_text(r, VALUE_CHARS, 1, 60)]),
            'MaxResults': r.choice([None, r.randint(1, 1000)])}.items() if v is not None}),
        ('DescribeBackupVault', {'BackupVaultName': vault, **({'BackupVaultAccountId': str(r.randint(10**11, 10**12-1))} if r.random() < .5 else {})}),
        ('ListRecoveryPointsByBackupVault', {k: v for k, v in {
            'BackupVaultName': vault,
            'NextToken': r.choice([None, rnd_text(r, VALUE_CHARS, 1, 80)]),
            'MaxResults': r.choice([None, r.randint(1, 1000)]),
            'ByResourceArn': r.choice([None, arn(r)]),
            'ByCreatedAfter': r.choice([None, when_of(r)]),
            'ByCreatedBefore': r.choice([None, when_of(r)])}.items() if v is not None}),
        ('DescribeRecoveryPoint', {'BackupVaultName': vault, 'RecoveryPointArn': arn(r)}),
        ('DeleteRecoveryPoint', {'BackupVaultName': vault, 'RecoveryPointArn': arn(r)}),
        ('GetBackupVaultAccessPolicy', {'BackupVaultName': vault}),
        ('DeleteBackupVaultLockConfiguration', {'BackupVaultName': vault}),
        ('ListBackupJobs', {k: v for k, v in {
            'ByState': r.choice([None, 'FAILED', 'COMPLETED']), 'ByBackupVaultName': r.choice([None, vault]),
            'ByAccountId': r.choice([None, '*', str(r.randint(10**11, 10**12-1))]),
            'ByCreatedAfter': r.choice([None, when_of(r)]), 'NextToken': r.choice([None, rnd_text(r, VALUE_CHARS, 1, 40)])}.items() if v is not None}),
        ('GetBackupPlan', {'BackupPlanId': rnd_text(r, NAME_CHARS, 5, 36), **({'VersionId': rnd_text(r, VALUE_CHARS, 1, 20)} if r.random() < .5 else {})}),
        ('PutBackupVaultLockConfiguration', {'BackupVaultName': vault, 'MinRetentionDays': r.randint(1, 100), 'MaxRetentionDays': r.randint(100, 36500), **({'ChangeableForDays': r.randint(3, 30)} if r.random() < .7 else {})}),
        ('UpdateRecoveryPointLifecycle', {'BackupVaultName': vault, 'RecoveryPointArn': arn(r), 'Lifecycle': {'DeleteAfterDays': r.randint(1, 3650)}}),
    ]
    op, params = r.choice(choices)
    op_model = model('backup').operation_model(op)
    serializer = create_serializer('rest-json')
    request = serializer.serialize_to_request(params, op_model)
    labels = {}
    query = []
    for name, member in op_model.input_shape.members.items():
        if name not in params:
            continue
        loc = member.serialization.get('location')
        wire = member.serialization.get('name', name)
        if loc == 'uri':
            labels[wire] = str(params[name])
    for key, value in request['query_string'].items():
        if isinstance(value, list):
            for v in value:
                query.append([key, str(v)])
        else:
            query.append([key, str(value)])
    host = r.choice(['https://backup.us-east-1.amazonaws.com', 'https://backup.eu-west-1.amazonaws.com', 'http://127.0.0.1:5123'])
    region = 'us-east-1' if 'us-east-1' in host or '127.0.0.1' in host else 'eu-west-1'
    extra = {'protocol': 'rest-json', 'operation': op, 'template': op_model.http['requestUri'], 'labels': labels, 'query': query}
    return request, host, 'backup', region, extra


JSON_SERVICES = [
    # service model, signing name, host, ops with generated input
    ('events', 'events', 'https://events.us-east-1.amazonaws.com', ['ListRules', 'DescribeRule', 'ListTargetsByRule']),
    ('organizations', 'organizations', 'https://organizations.us-east-1.amazonaws.com', ['ListParents', 'ListPoliciesForTarget', 'DescribePolicy', 'DescribeOrganization']),
    ('cloudtrail', 'cloudtrail', 'https://cloudtrail.eu-west-1.amazonaws.com', ['LookupEvents']),
    ('kms', 'kms', 'https://kms.eu-west-1.amazonaws.com', ['DescribeKey', 'ListAliases']),
    ('sqs', 'sqs', 'https://sqs.eu-west-1.amazonaws.com', ['ReceiveMessage', 'DeleteMessageBatch', 'GetQueueUrl']),
]


def json_params(r, op):
    token = rnd_text(r, VALUE_CHARS, 1, 30)
    table = {
        'ListRules': {'EventBusName': r.choice(['default', 'central-backup-alerts']), **({'NextToken': token} if r.random() < .5 else {})},
        'DescribeRule': {'Name': rnd_text(r, NAME_CHARS, 1, 64)},
        'ListTargetsByRule': {'Rule': rnd_text(r, NAME_CHARS, 1, 64)},
        'ListParents': {'ChildId': f'{r.randint(10**11, 10**12-1)}'},
        'ListPoliciesForTarget': {'TargetId': r.choice(['r-ab12', 'ou-ab12-cdef3456']), 'Filter': 'SERVICE_CONTROL_POLICY'},
        'DescribePolicy': {'PolicyId': 'p-' + rnd_text(r, 'abcdef0123456789', 8, 8)},
        'DescribeOrganization': {},
        'LookupEvents': {'LookupAttributes': [{'AttributeKey': 'EventSource', 'AttributeValue': 'backup.amazonaws.com'}],
                         'StartTime': when_of(r), 'MaxResults': r.randint(1, 50)},
        'DescribeKey': {'KeyId': r.choice(['alias/central-backup', arn(r)])},
        'ListAliases': {} if r.random() < .5 else {'Limit': r.randint(1, 100)},
        'ReceiveMessage': {'QueueUrl': 'https://sqs.eu-west-1.amazonaws.com/111122223333/alerts', 'MaxNumberOfMessages': 10, 'WaitTimeSeconds': 20},
        'DeleteMessageBatch': {'QueueUrl': 'https://sqs.eu-west-1.amazonaws.com/111122223333/alerts',
                               'Entries': [{'Id': str(i), 'ReceiptHandle': rnd_text(r, VALUE_CHARS, 10, 40)} for i in range(r.randint(1, 3))]},
        'GetQueueUrl': {'QueueName': rnd_text(r, NAME_CHARS, 1, 40)},
    }
    return table[op]


def json_case(r):
    name, signing, host, ops = r.choice(JSON_SERVICES)
    op = r.choice(ops)
    sm = model(name)
    op_model = sm.operation_model(op)
    request = create_serializer(sm.metadata['protocol']).serialize_to_request(json_params(r, op), op_model)
    region = host.split('.')[1]
    extra = {'protocol': 'json', 'operation': op, 'version': sm.metadata['jsonVersion'],
             'target_prefix': sm.metadata['targetPrefix'], 'query_compatible': 'awsQueryCompatible' in sm.metadata}
    return request, host, signing, region, extra


def query_case(r):
    op = r.choice(['AssumeRole', 'GetCallerIdentity'])
    sm = model('sts')
    op_model = sm.operation_model(op)
    params = {}
    if op == 'AssumeRole':
        params = {'RoleArn': f'arn:aws:iam::{r.randint(10**11, 10**12-1)}:role/{rnd_text(r, NAME_CHARS, 1, 30)}',
                  'RoleSessionName': rnd_text(r, NAME_CHARS + '=,@', 2, 30)}
        if r.random() < .5: params['DurationSeconds'] = r.randint(900, 43200)
        if r.random() < .3: params['ExternalId'] = rnd_text(r, VALUE_CHARS, 2, 40)
    request = create_serializer('query').serialize_to_request(params, op_model)
    host = r.choice(['https://sts.eu-west-1.amazonaws.com', 'http://127.0.0.1:5123'])
    region = 'eu-west-1'
    extra = {'protocol': 'query', 'operation': op, 'params': [[k, str(v)] for k, v in params.items()]}
    return request, host, 'sts', region, extra


def raw_case(r):
    """A request by URL alone: dot segments, empty segments, trailing slashes, repeated query keys,
    header values with runs of whitespace, any method and body."""
    segments = []
    for _ in range(r.randint(0, 6)):
        segments.append(r.choice(['.', '..', '', quote_aws(rnd_text(r, VALUE_CHARS, 1, 12)), rnd_text(r, NAME_CHARS, 1, 12)]))
    path = '/' + '/'.join(segments) + r.choice(['', '/'])
    pairs = []
    for _ in range(r.randint(0, 5)):
        key = r.choice(['a', 'b', 'Param1', 'param1', 'maxResults', 'x' + rnd_text(r, NAME_CHARS, 1, 5)])
        for _ in range(r.choice([1, 1, 2, 3])):
            pairs.append(quote_aws(key) + '=' + quote_aws(rnd_text(r, VALUE_CHARS, 0, 10)))
    url = r.choice(['https://example.amazonaws.com', 'http://127.0.0.1:5123', 'https://backup.eu-west-1.amazonaws.com:8443']) + path
    if pairs:
        url += '?' + '&'.join(pairs)
    method = r.choice(['GET', 'PUT', 'POST', 'DELETE', 'HEAD'])
    headers = []
    if r.random() < .5:
        headers.append(['X-Amz-Meta-Note', '  ' + rnd_text(r, NAME_CHARS + '   \t', 1, 20) + '  '])
    if r.random() < .3:
        headers.append(['User-Agent', 'vaultwatch-test'])
    body = rnd_text(r, VALUE_CHARS, 1, 200).encode() if method in ('PUT', 'POST') and r.random() < .7 else b''
    if body:
        headers.append(['Content-Type', r.choice(['application/json', 'application/x-amz-json-1.1'])])
    return url, method, headers, body


def quote_aws(text):
    from urllib.parse import quote
    return quote(text, safe='-_.~')


def generate(seed, count):
    r = random.Random(seed)
    out = []
    while len(out) < count:
        kind = r.random()
        if kind < 0.15:
            url, method, headers, body = raw_case(r)
            token = r.choice([None, 'TOKEN' + rnd_text(r, NAME_CHARS, 0, 20)])
            when = when_of(r)
            service, region = r.choice([('service', 'us-east-1'), ('backup', 'eu-west-1')])
            canonical, authorization = botocore_sign(method, url, headers, body, service, region, when, token)
            out.append({'method': method, 'url': url, 'headers': headers, 'body_b64': base64.b64encode(body).decode(),
                        'service': service, 'region': region, 'amz_date': when.strftime('%Y%m%dT%H%M%SZ'), 'token': token,
                        'canonical_request': canonical, 'authorization': authorization, 'protocol': 'raw', 'operation': 'raw'})
            continue
        if kind < 0.6:
            request, host, service, region, extra = rest_case_raw(r)
        elif kind < 0.85:
            request, host, service, region, extra = json_case(r)
        else:
            request, host, service, region, extra = query_case(r)
        prepare_request_dict(request, endpoint_url=host)
        aws = create_request_object(request)
        body = aws.data if isinstance(aws.data, bytes) else (aws.data or '').encode() if isinstance(aws.data, str) else b''
        if isinstance(aws.data, dict):
            body = aws.body if isinstance(aws.body, bytes) else (aws.body or '').encode()
        headers = [[k, v] for k, v in aws.headers.items()]
        token = r.choice([None, 'FQoGZXIvYXdzEXAMPLETOKEN' + rnd_text(r, NAME_CHARS + '/+=', 0, 40)])
        when = when_of(r)
        canonical, authorization = botocore_sign(aws.method, aws.url, headers, body, service, region, when, token)
        out.append({'method': aws.method, 'url': aws.url, 'headers': headers,
                    'body_b64': base64.b64encode(body).decode(), 'service': service, 'region': region,
                    'amz_date': when.strftime('%Y%m%dT%H%M%SZ'), 'token': token,
                    'canonical_request': canonical, 'authorization': authorization, **extra})
    return out


def sign_stdin():
    for line in sys.stdin:
        if not line.strip():
            continue
        c = json.loads(line)
        when = datetime.datetime.strptime(c['amz_date'], '%Y%m%dT%H%M%SZ')
        body = base64.b64decode(c.get('body_b64', ''))
        canonical, authorization = botocore_sign(c['method'], c['url'], c.get('headers', []), body, c['service'],
                                                 c['region'], when, c.get('token'))
        c.update({'canonical_request': canonical, 'authorization': authorization})
        print(json.dumps(c))


def botocore_request(service, operation, params, region, token=None):
    """The request botocore's client would send (captured before it leaves), as JSON."""
    import botocore.config
    from botocore import UNSIGNED
    captured = {}

    def capture(request, **kwargs):
        captured.update(method=request.method, url=request.url,
                        headers=[[k, v if isinstance(v, str) else v.decode()] for k, v in request.headers.items()],
                        body=(request.body or b'').decode() if isinstance(request.body, (bytes, type(None))) else request.body)
        raise RuntimeError('captured')

    client = SESSION.create_client(service, region_name=region, aws_access_key_id='a', aws_secret_access_key='b',
                                   config=botocore.config.Config(signature_version=UNSIGNED))
    client.meta.events.register('before-send', capture)
    try:
        getattr(client, operation)(**params)
    except RuntimeError:
        pass
    return captured


if __name__ == '__main__':
    if sys.argv[1] == 'request':
        print(json.dumps(botocore_request(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5])))
        sys.exit(0)
    if sys.argv[1] == 'generate':
        for case in generate(int(sys.argv[2]), int(sys.argv[3])):
            print(json.dumps(case))
    elif sys.argv[1] == 'sign':
        sign_stdin()
