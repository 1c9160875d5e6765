#!/usr/bin/env python3
"""The organization's alert wiring in moto_server, for the feed tests (boto3, accounts chosen with the
x-moto-account-id header):

    org_wiring.py setup MOTO_URL CENTRAL MEMBER ORG_ID REGION
        central account: custom bus central-backup-alerts with an org-conditioned PutPermission, queue
        central-backup-alerts with a policy letting the bus's rule send, rule on the bus -> queue;
        both accounts: a role for EventBridge, a rule on the default bus -> the central bus.
        Prints {"queueUrl", "queueArn", "busArn"}.
    org_wiring.py put MOTO_URL ACCOUNT REGION           reads an EventBridge entry {Source, DetailType, Detail}
                                                        (Detail an object) on stdin; PutEvents on ACCOUNT's
                                                        default bus; prints the entry ids
    org_wiring.py send MOTO_URL ACCOUNT REGION QUEUE_URL  sends stdin as a raw message; prints its MessageId
    org_wiring.py depth MOTO_URL ACCOUNT REGION QUEUE_URL prints {"visible": n, "inFlight": n}
"""
import json, sys

import boto3

PATTERN = {"source": ["aws.backup"], "detail-type": ["AWS API Call via CloudTrail"],
           "detail": {"eventSource": ["backup.amazonaws.com"]}}


def client(service, url, account, region):
    c = boto3.client(service, endpoint_url=url, region_name=region, aws_access_key_id='testing',
                     aws_secret_access_key='testing')
    c.meta.events.register('before-sign.*.*', lambda request, **_: request.headers.__setitem__('x-moto-account-id', account))
    return c


def setup(url, central, member, org, region):
    events = client('events', url, central, region)
    sqs = client('sqs', url, central, region)
    bus_arn = events.create_event_bus(Name='central-backup-alerts')['EventBusArn']
    events.put_permission(EventBusName='central-backup-alerts', Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "AllowOrgPutEvents", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents",
            "Resource": bus_arn, "Condition": {"StringEquals": {"aws:PrincipalOrgID": org}}}]}))
    queue_url = sqs.create_queue(QueueName='central-backup-alerts')['QueueUrl']
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
    rule_arn = events.put_rule(Name='to-vaultwatch', EventBusName='central-backup-alerts',
                               EventPattern=json.dumps(PATTERN))['RuleArn']
    sqs.set_queue_attributes(QueueUrl=queue_url, Attributes={'Policy': json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
            "Resource": queue_arn, "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}}]})})
    events.put_targets(Rule='to-vaultwatch', EventBusName='central-backup-alerts',
                       Targets=[{'Id': 'vaultwatch-queue', 'Arn': queue_arn}])

    # Every account's default bus, the central account's own included, forwards to the central bus.
    for account in (central, member):
        iam = client('iam', url, account, region)
        role_arn = iam.create_role(RoleName='backup-alerts-to-central', AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
                                                   "Action": "sts:AssumeRole"}]}))['Role']['Arn']
        default_bus = client('events', url, account, region)
        default_bus.put_rule(Name='backup-alerts-to-central', EventPattern=json.dumps(PATTERN))
        default_bus.put_targets(Rule='backup-alerts-to-central',
                                Targets=[{'Id': 'central-bus', 'Arn': bus_arn, 'RoleArn': role_arn}])
    print(json.dumps({'queueUrl': queue_url, 'queueArn': queue_arn, 'busArn': bus_arn}))


def put(url, account, region):
    entry = json.load(sys.stdin)
    answer = client('events', url, account, region).put_events(Entries=[{
        'Source': entry['Source'], 'DetailType': entry['DetailType'], 'Detail': json.dumps(entry['Detail'])}])
    if answer['FailedEntryCount']:
        sys.exit(f'PutEvents failed: {answer}')
    print(json.dumps([e['EventId'] for e in answer['Entries']]))


def send(url, account, region, queue_url):
    answer = client('sqs', url, account, region).send_message(QueueUrl=queue_url, MessageBody=sys.stdin.read())
    print(answer['MessageId'])


def depth(url, account, region, queue_url):
    attributes = client('sqs', url, account, region).get_queue_attributes(
        QueueUrl=queue_url, AttributeNames=['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'])
    a = attributes['Attributes']
    print(json.dumps({'visible': int(a['ApproximateNumberOfMessages']),
                      'inFlight': int(a['ApproximateNumberOfMessagesNotVisible'])}))


if __name__ == '__main__':
    command, args = sys.argv[1], sys.argv[2:]
    {'setup': setup, 'put': put, 'send': send, 'depth': depth}[command](*args)
