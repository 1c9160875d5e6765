import Foundation
import VaultCore

/// Where the records of one central backup account come from: the embedded demo account today,
/// the AWS Backup REST API, an SQS queue fed by an EventBridge rule and CloudTrail later.
///
/// A source is used only from the sync worker's serial queue, never from two threads at once.
/// It reports what it sees — vault and recovery point snapshots, removals, jobs, CloudTrail-style
/// calls and one `.sync` status per poll — and never raises alerts: the worker runs the alert
/// rule over the `.call` records.
public protocol Source: AnyObject {
    /// `demo`, `aws`, … (what the header calls the source).
    var name: String { get }
    var accountId: String { get }
    var region: String { get }
    /// Called once before the first poll with what the store already holds, so a source can resume.
    func start(resuming state: AccountState, at now: Date) throws -> [Record]
    /// New records since the last call (vault and point snapshots, removals, jobs, CloudTrail-style
    /// calls, a .sync status).
    func poll(at now: Date) throws -> [Record]
}
