import Foundation
import VaultCore

/// The fastest path for a points file: a `recovery-point` line exactly as `PointLineEncoder` and
/// `RecordEncoder` write it (keys sorted, absent optionals left out, no whitespace, dates in the
/// written form, texts without escapes), read literal by literal with `LayoutCursor`. Nearly every
/// line of a store is one; any other (keys reordered, spaces, escapes, nulls, another schema or
/// type) is declined, having read nothing into anything, and goes to `PointLineDecoder`'s general
/// scanner, whose own misses go to the reference decoder.
struct WrittenPointLine {
    private var days = StoreDate.DayCache()

    /// A point's vault: its account and region (empty in a line written before schema 3, which
    /// named neither) and its name.
    typealias Vault = (account: UnsafeRawBufferPointer, region: UnsafeRawBufferPointer, name: UnsafeRawBufferPointer)

    /// Hands the point `line` holds and its vault, their texts pointing into `line`, to `body` and
    /// returns true, when the line is in the written layout and its envelope a readable schema's;
    /// returns false otherwise, having called nothing. (Handed, not returned: a returned optional
    /// of the point was copied out whole on every line.)
    mutating func read(_ line: UnsafeRawBufferPointer, _ body: (PointFields, Vault) -> Void) -> Bool {
        var c = LayoutCursor(line)
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        guard c.take(#"{"data":{"#) else { return false }
        var account = none
        if c.take(#""accountId":""#) {
            guard let text = c.text(), c.take(",") else { return false }
            account = text
        }
        guard c.take(#""arn":""#), let arn = c.text() else { return false }
        var completion: Date?
        if c.take(#","completionDate":""#) {
            guard let date = c.date(&days) else { return false }
            completion = date
        }
        guard c.take(#","creationDate":""#), let creation = c.date(&days) else { return false }
        var role: UnsafeRawBufferPointer?
        if c.take(#","iamRoleArn":""#) {
            guard let text = c.text() else { return false }
            role = text
        }
        guard c.take(#","isEncrypted":"#) else { return false }
        let encrypted: Bool
        if c.take("true") {
            encrypted = true
        } else if c.take("false") {
            encrypted = false
        } else {
            return false
        }
        guard c.take(#","lifecycle":{"#), let lifecycle = lifecycle(&c) else { return false }
        var region = none
        if c.take(#","region":""#) {
            guard let text = c.text() else { return false }
            region = text
        }
        guard c.take(#","resourceArn":""#), let resourceArn = c.text() else { return false }
        var resourceName: UnsafeRawBufferPointer?
        if c.take(#","resourceName":""#) {
            guard let text = c.text() else { return false }
            resourceName = text
        }
        guard c.take(#","resourceType":""#), let resourceType = c.text(), c.take(#","sizeBytes":"#),
            let size = c.integer(), c.take(#","status":""#), let status = status(&c), c.take(#","storageClass":""#),
            let storage = storageClass(&c), c.take(#","vaultName":""#), let vault = c.text(),
            c.take(#"},"schema":"#), let schema = c.integer(),
            (Int64(StoreSchema.oldestReadable)...Int64(StoreSchema.current)).contains(schema), c.take(#","seq":"#),
            c.integer() != nil, c.take(#","type":"recovery-point"}"#), c.atEnd
        else { return false }
        let fields = PointFields(
            arn: arn, resourceArn: resourceArn, resourceType: resourceType,
            resourceName: resourceName, iamRoleArn: role, status: status, creationDate: creation,
            completionDate: completion, sizeBytes: size, lifecycle: lifecycle, storageClass: storage,
            isEncrypted: encrypted)
        body(fields, (account, region, vault))
        return true
    }

    /// After `"lifecycle":{`, up to and including its `}`.
    private func lifecycle(_ c: inout LayoutCursor) -> Lifecycle? {
        var lifecycle = Lifecycle()
        if c.take(#""deleteAfterDays":"#) {
            guard let days = c.integer() else { return nil }
            lifecycle.deleteAfterDays = Int(days)
            if c.take(#","moveToColdStorageAfterDays":"#) {
                guard let days = c.integer() else { return nil }
                lifecycle.moveToColdStorageAfterDays = Int(days)
            }
        } else if c.take(#""moveToColdStorageAfterDays":"#) {
            guard let days = c.integer() else { return nil }
            lifecycle.moveToColdStorageAfterDays = Int(days)
        }
        return c.take("}") ? lifecycle : nil
    }

    /// After a status's opening quote, up to and including its closing one.
    private func status(_ c: inout LayoutCursor) -> RecoveryPoint.Status? {
        if c.take(#"COMPLETED""#) { return .completed }
        if c.take(#"PARTIAL""#) { return .partial }
        if c.take(#"EXPIRED""#) { return .expired }
        if c.take(#"AVAILABLE""#) { return .available }
        if c.take(#"DELETING""#) { return .deleting }
        if c.take(#"STOPPED""#) { return .stopped }
        if c.take(#"CREATING""#) { return .creating }
        return nil
    }

    private func storageClass(_ c: inout LayoutCursor) -> RecoveryPoint.StorageClass? {
        if c.take(#"WARM""#) { return .warm }
        if c.take(#"COLD""#) { return .cold }
        if c.take(#"DELETED""#) { return .deleted }
        return nil
    }
}
