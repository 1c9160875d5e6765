#!/usr/bin/env python3
"""boto3_list_points.py ENDPOINT ACCESS_KEY SECRET VAULT...: every recovery point of each vault through
boto3's paginator (list_recovery_points_by_backup_vault, pages of 1,000, every page parsed by botocore).
Prints {"points": n, "pages": p, "seconds": s} (the listing only, client creation excluded)."""
import json, sys, time
import boto3

endpoint, key, secret, vaults = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
client = boto3.client('backup', endpoint_url=endpoint, region_name='us-east-1',
                      aws_access_key_id=key, aws_secret_access_key=secret)
paginator = client.get_paginator('list_recovery_points_by_backup_vault')
points = pages = 0
start = time.perf_counter()
for vault in vaults:
    for page in paginator.paginate(BackupVaultName=vault, PaginationConfig={'PageSize': 1000}):
        points += len(page['RecoveryPoints'])
        pages += 1
print(json.dumps({'points': points, 'pages': pages, 'seconds': time.perf_counter() - start}))
