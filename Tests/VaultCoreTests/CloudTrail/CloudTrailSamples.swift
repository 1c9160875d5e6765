import Foundation
import VaultCore

/// CloudTrail records and EventBridge events as AWS writes them (fields and nesting from the
/// CloudTrail `userIdentity` reference and AWS Backup's CloudTrail examples), one per identity type.
enum CloudTrailSamples {
    static let member = "444455556666"

    /// A full EventBridge event as it reaches the central queue from a member account.
    static let assumedRoleEvent = #"""
        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AWS API Call via CloudTrail",
         "source":"aws.backup","account":"444455556666","time":"2026-11-24T02:15:01Z","region":"eu-west-1","resources":[],
         "detail":{"eventVersion":"1.09",
           "userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEID:alice",
             "arn":"arn:aws:sts::444455556666:assumed-role/DevOps/alice","accountId":"444455556666","accessKeyId":"ASIAEXAMPLE",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEID",
               "arn":"arn:aws:iam::444455556666:role/DevOps","accountId":"444455556666","userName":"DevOps"},
               "attributes":{"creationDate":"2026-11-24T01:00:00Z","mfaAuthenticated":"false"}}},
           "eventTime":"2026-11-24T02:15:01Z","eventSource":"backup.amazonaws.com","eventName":"DeleteRecoveryPoint",
           "awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0 Python/3.11.6",
           "errorCode":"AccessDeniedException","errorMessage":"Insufficient privileges to perform this action.",
           "requestParameters":{"backupVaultName":"central-backup-vault",
             "recoveryPointArn":"arn:aws:ec2:eu-west-1::snapshot/snap-0abc"},
           "responseElements":null,"requestID":"1c2d3e4f-0000-4000-8000-000000000001",
           "eventID":"0b7f2c63-3d5a-4e4f-9a4b-5a1e2f3c4d01","readOnly":false,"eventType":"AwsApiCall",
           "managementEvent":true,"recipientAccountId":"444455556666","eventCategory":"Management"}}
        """#

    /// As moto_server delivers it: no `account` in the envelope.
    static let rootEventWithoutAccount = #"""
        {"version":"0","id":"2a75ea39-0000-4000-8000-000000000002","detail-type":"AWS API Call via CloudTrail",
         "source":"aws.backup","time":"2026-11-24T03:00:00Z","region":"us-east-1","resources":[],
         "detail":{"eventVersion":"1.09","userIdentity":{"type":"Root","principalId":"111122223333",
           "arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","accessKeyId":"ASIAROOT"},
           "eventTime":"2026-11-24T03:00:00Z","eventSource":"backup.amazonaws.com",
           "eventName":"DeleteBackupVaultLockConfiguration","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.66",
           "userAgent":"AWS Internal","requestParameters":{"backupVaultName":"WORM_vault"},"responseElements":null,
           "eventID":"e0000000-0000-4000-8000-000000000002","eventType":"AwsApiCall","recipientAccountId":"111122223333"}}
        """#

    static let iamUserRecord = #"""
        {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",
           "arn":"arn:aws:iam::444455556666:user/ci-deployer","accountId":"444455556666","accessKeyId":"AKIAEXAMPLE",
           "userName":"ci-deployer"},
         "eventTime":"2026-11-24T04:05:06Z","eventSource":"backup.amazonaws.com","eventName":"PutBackupVaultAccessPolicy",
         "awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.77","userAgent":"terraform-provider-aws/5.70.0",
         "requestParameters":{"backupVaultName":"prod-vault","policy":"{\"Version\":\"2012-10-17\"}"},
         "responseElements":null,"eventID":"e0000000-0000-4000-8000-000000000003","readOnly":false,
         "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"444455556666"}
        """#

    static let serviceRecord = #"""
        {"eventVersion":"1.09","userIdentity":{"type":"AWSService","invokedBy":"backup.amazonaws.com"},
         "eventTime":"2026-11-24T05:00:00Z","eventSource":"backup.amazonaws.com","eventName":"DeleteRecoveryPoint",
         "awsRegion":"eu-west-1","sourceIPAddress":"backup.amazonaws.com","userAgent":"backup.amazonaws.com",
         "requestParameters":{"backupVaultName":"prod-vault","recoveryPointArn":"arn:aws:backup:eu-west-1:444455556666:recovery-point:rp-1"},
         "responseElements":null,"eventID":"e0000000-0000-4000-8000-000000000004","eventType":"AwsApiCall",
         "recipientAccountId":"444455556666"}
        """#

    static let federatedUserRecord = #"""
        {"eventVersion":"1.09","userIdentity":{"type":"FederatedUser","principalId":"444455556666:carol",
           "arn":"arn:aws:sts::444455556666:federated-user/carol","accountId":"444455556666","accessKeyId":"ASIAFED",
           "sessionContext":{"sessionIssuer":{"type":"IAMUser","principalId":"AIDABROKER",
             "arn":"arn:aws:iam::444455556666:user/identity-broker","accountId":"444455556666","userName":"identity-broker"}}},
         "eventTime":"2026-11-24T06:00:00Z","eventSource":"backup.amazonaws.com","eventName":"UpdateRecoveryPointLifecycle",
         "awsRegion":"eu-west-1","requestParameters":{"backupVaultName":"prod-vault",
           "recoveryPointArn":"arn:aws:backup:eu-west-1:444455556666:recovery-point:rp-2","lifecycle":{"deleteAfterDays":1}},
         "responseElements":null,"eventID":"e0000000-0000-4000-8000-000000000005","eventType":"AwsApiCall",
         "recipientAccountId":"444455556666"}
        """#

    static let identityCenterRecord = #"""
        {"eventVersion":"1.09","userIdentity":{"type":"IdentityCenterUser","accountId":"444455556666",
           "onBehalfOf":{"userId":"906744e8-c0a1-70c4-5d3a-0bbd8e7fb7b2",
             "identityStoreArn":"arn:aws:identitystore::444455556666:identitystore/d-9067230f2e"},
           "credentialId":"EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE"},
         "eventTime":"2026-11-24T07:00:00Z","eventSource":"backup.amazonaws.com","eventName":"DeleteBackupVault",
         "awsRegion":"us-west-2","requestParameters":{"backupVaultName":"scratch"},"responseElements":null,
         "eventID":"e0000000-0000-4000-8000-000000000006","eventType":"AwsApiCall","recipientAccountId":"444455556666"}
        """#

    /// A principal of another account, named by its account only; a copy into a vault given by ARN.
    static let otherAccountCopyRecord = #"""
        {"eventVersion":"1.09","userIdentity":{"type":"AWSAccount","principalId":"AIDAOUTSIDE","accountId":"210987654321"},
         "eventTime":"2026-11-24T08:00:00Z","eventSource":"backup.amazonaws.com","eventName":"StartCopyJob",
         "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.250",
         "requestParameters":{"sourceBackupVaultName":"central-backup-vault",
           "destinationBackupVaultArn":"arn:aws:backup:us-east-1:210987654321:backup-vault:offsite-sync",
           "recoveryPointArn":"arn:aws:backup:us-east-1:111122223333:recovery-point:rp-3"},
         "responseElements":null,"eventID":"e0000000-0000-4000-8000-000000000007","eventType":"AwsApiCall",
         "recipientAccountId":"111122223333"}
        """#

    /// Only a destination vault, by ARN.
    static let destinationOnlyRecord = #"""
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Copier/s",
           "accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/Copier"}}},
         "eventTime":"2026-11-24T09:00:00.123Z","eventSource":"backup.amazonaws.com","eventName":"StartCopyJob",
         "awsRegion":"us-east-1","requestParameters":{"destinationBackupVaultArn":"arn:aws:backup:us-east-1:111122223333:backup-vault:WORM_vault"},
         "eventID":"e0000000-0000-4000-8000-000000000008","eventType":"AwsApiCall","recipientAccountId":"111122223333"}
        """#

    static func json(_ text: String) -> JSONValue {
        do {
            return try JSONValue(data: Data(text.utf8))
        } catch {
            preconditionFailure("sample is JSON: \(error)")
        }
    }
}
