import Foundation
import VaultCore

/// The fast path for a points file: decodes a readable-schema `recovery-point` line (schema 3 only
/// added the vault's `accountId` and `region`, absent before) straight into
/// its vault's `PointList`, with no `JSONDecoder`, no `Record` and no `String` for a text the
/// list already holds. Keys may come in any order, with any whitespace and escapes.
///
/// It takes only lines it understands completely: another record type, another schema, an
/// unknown or repeated key, a number or date in another form, anything malformed. For those it
/// returns false having changed nothing, and the caller decodes the line with `RecordDecoder`,
/// so what is reported or thrown is exactly what that says.
struct PointLineDecoder {
    private var scratch: [UInt8] = []
    /// The last vault's account, region and name, as bytes, and as the key of its list.
    private var vaultBytes: [[UInt8]] = []
    private var vaultKey = VaultKey.legacy("")
    /// The list of `vaultKey`, held out of the load while its lines keep coming (no lookup and no
    /// copy per line); `flush` puts it back.
    private var current: PointList?
    /// The size of the file being read, to size a vault's list from its first line.
    private let fileSize: Int
    /// Lines in the layout vaultwatch writes, read before the general scanner is tried.
    private var written = WrittenPointLine()

    init(fileSize: Int) {
        self.fileSize = fileSize
    }

    /// What a line's `data` held, before the envelope is known to be a current recovery point.
    private struct Scanned {
        var arn, vaultName, resourceArn, resourceType: JSONScanner.Text?
        var resourceName, iamRoleArn, accountId, region: JSONScanner.Text?
        var status: RecoveryPoint.Status?
        var creationDate: Date?
        var completionDate: Date?
        var sizeBytes: Int64?
        var lifecycle: Lifecycle?
        var storageClass: RecoveryPoint.StorageClass?
        var isEncrypted: Bool?
    }

    /// Its envelope loop is its own, not `LineEnvelopeDecoder`'s (which keeps `data` in the
    /// decoder): on the million-point path this loop is the measured one. A trial of the shared
    /// loop benchmarked 2.07–2.14× orjson, but this one also gave 2.08× on the same busy machine,
    /// so the difference is not shown either way; moving it over wants a quiet-machine A/B.
    mutating func decode(_ line: UnsafeRawBufferPointer, into load: inout PointsLoad) -> Bool {
        // Out of `self` while it reads, since what it hands over goes into `self` (a few bytes).
        var layout = written
        defer { written = layout }
        if layout.read(line, { fields, vault in install(fields, vault: vault, line: line, into: &load) }) { return true }
        scratch.removeAll(keepingCapacity: true)
        var s = JSONScanner(line)
        var data = Scanned()
        var hasData = false
        var schema: Int64?
        var seq: Int64?
        var isPoint = false
        var seen = 0
        guard s.take(UInt8(ascii: "{")) else { return false }
        repeat {
            guard let key = s.string(scratch: &scratch), s.take(UInt8(ascii: ":")) else { return false }
            let bit: Int
            switch scratch.withUnsafeBytes({ EnvelopeKey(key.bytes(line: line, scratch: $0)) }) {
            case .data:
                bit = 1
                guard scanPoint(&s, line: line, into: &data) else { return false }
                hasData = true
            case .schema:
                bit = 2
                schema = s.integer()
            case .seq:
                bit = 4
                seq = s.integer()
            case .type:
                bit = 8
                guard let t = s.string(scratch: &scratch) else { return false }
                isPoint = text(t, in: line, is: "recovery-point")
            case .prev, nil:
                return false
            }
            guard seen & bit == 0 else { return false }
            seen |= bit
        } while s.take(UInt8(ascii: ","))
        guard s.take(UInt8(ascii: "}")), s.peek() == nil, seen == 15, isPoint, seq != nil,
            let version = schema, (Int64(StoreSchema.oldestReadable)...Int64(StoreSchema.current)).contains(version),
            hasData
        else { return false }
        return install(data, line: line, into: &load)
    }

    /// Whether a scanned string is `name`.
    private func text(_ t: JSONScanner.Text, in line: UnsafeRawBufferPointer, is name: StaticString) -> Bool {
        scratch.withUnsafeBytes { sameBytes(t.bytes(line: line, scratch: $0), name) }
    }

    /// Reads the point's fields into `p` (in place: the struct is large); false when anything is
    /// not as a current recovery point writes it.
    private mutating func scanPoint(_ s: inout JSONScanner, line: UnsafeRawBufferPointer, into p: inout Scanned) -> Bool {
        var seen = 0
        guard s.take(UInt8(ascii: "{")) else { return false }
        if s.take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = s.string(scratch: &scratch), s.take(UInt8(ascii: ":")) else { return false }
            guard let field = scratch.withUnsafeBytes({ Self.pointField(key.bytes(line: line, scratch: $0)) }),
                seen & (1 << field) == 0
            else {
                return false
            }
            seen |= 1 << field
            switch field {
            case 0: guard let v = s.string(scratch: &scratch) else { return false }; p.arn = v
            case 1: guard let v = s.string(scratch: &scratch) else { return false }; p.vaultName = v
            case 2: guard let v = s.string(scratch: &scratch) else { return false }; p.resourceArn = v
            case 3: guard let v = s.string(scratch: &scratch) else { return false }; p.resourceType = v
            case 4:
                if !s.take("null") { guard let v = s.string(scratch: &scratch) else { return false }; p.resourceName = v }
            case 5:
                guard let v = s.string(scratch: &scratch) else { return false }
                p.status = scratch.withUnsafeBytes { Self.status(v.bytes(line: line, scratch: $0)) }
                guard p.status != nil else { return false }
            case 6: guard let v = date(&s, line: line) else { return false }; p.creationDate = v
            case 7:
                if !s.take("null") { guard let v = date(&s, line: line) else { return false }; p.completionDate = v }
            case 8: guard let v = s.integer() else { return false }; p.sizeBytes = v
            case 9: guard let v = lifecycle(&s) else { return false }; p.lifecycle = v
            case 10:
                guard let v = s.string(scratch: &scratch) else { return false }
                p.storageClass = scratch.withUnsafeBytes { Self.storageClass(v.bytes(line: line, scratch: $0)) }
                guard p.storageClass != nil else { return false }
            case 11: guard let v = s.bool() else { return false }; p.isEncrypted = v
            case 13: guard let v = s.string(scratch: &scratch) else { return false }; p.accountId = v
            case 14: guard let v = s.string(scratch: &scratch) else { return false }; p.region = v
            default:
                if !s.take("null") { guard let v = s.string(scratch: &scratch) else { return false }; p.iamRoleArn = v }
            }
        } while s.take(UInt8(ascii: ","))
        guard s.take(UInt8(ascii: "}")) else { return false }
        return true
    }

    private mutating func date(_ s: inout JSONScanner, line: UnsafeRawBufferPointer) -> Date? {
        guard let text = s.string(scratch: &scratch) else { return nil }
        return scratch.withUnsafeBytes { StoreDate.parse(text.bytes(line: line, scratch: $0)) }
    }

    private mutating func lifecycle(_ s: inout JSONScanner) -> Lifecycle? {
        var lifecycle = Lifecycle()
        var seen = 0
        guard s.take(UInt8(ascii: "{")) else { return nil }
        if s.take(UInt8(ascii: "}")) { return lifecycle }
        repeat {
            guard let key = s.string(scratch: &scratch), s.take(UInt8(ascii: ":")) else { return nil }
            let bit = text(key, in: s.line, is: "moveToColdStorageAfterDays") ? 1 : text(key, in: s.line, is: "deleteAfterDays") ? 2 : 0
            guard bit != 0, seen & bit == 0 else { return nil }
            seen |= bit
            var days: Int?
            if !s.take("null") {
                guard let v = s.integer(), let n = Int(exactly: v) else { return nil }
                days = n
            }
            if bit == 1 { lifecycle.moveToColdStorageAfterDays = days } else { lifecycle.deleteAfterDays = days }
        } while s.take(UInt8(ascii: ","))
        guard s.take(UInt8(ascii: "}")) else { return nil }
        return lifecycle
    }

    /// Puts a complete scanned point into its vault's list.
    private mutating func install(_ p: Scanned, line: UnsafeRawBufferPointer, into load: inout PointsLoad) -> Bool {
        guard let arn = p.arn, let vault = p.vaultName, let resourceArn = p.resourceArn,
            let resourceType = p.resourceType, let status = p.status, let creationDate = p.creationDate,
            let sizeBytes = p.sizeBytes, let lifecycle = p.lifecycle, let storageClass = p.storageClass,
            let isEncrypted = p.isEncrypted
        else { return false }
        return scratch.withUnsafeBytes { scratch in
            func bytes(_ t: JSONScanner.Text) -> UnsafeRawBufferPointer { t.bytes(line: line, scratch: scratch) }
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            let fields = PointFields(
                arn: bytes(arn), resourceArn: bytes(resourceArn),
                resourceType: bytes(resourceType), resourceName: p.resourceName.map(bytes),
                iamRoleArn: p.iamRoleArn.map(bytes), status: status, creationDate: creationDate,
                completionDate: p.completionDate, sizeBytes: sizeBytes, lifecycle: lifecycle,
                storageClass: storageClass, isEncrypted: isEncrypted)
            install(
                fields, vault: (p.accountId.map(bytes) ?? empty, p.region.map(bytes) ?? empty, bytes(vault)), line: line,
                into: &load)
            return true
        }
    }

    /// Puts a point into its vault's list (the one being filled, unless the vault changed): the
    /// vault's account (empty before schema 3), region (the same) and name.
    private mutating func install(
        _ fields: PointFields, vault: WrittenPointLine.Vault, line: UnsafeRawBufferPointer, into load: inout PointsLoad
    ) {
        if !isCurrentVault(vault.account, vault.region, vault.name) {
            flush(into: &load)
            vaultBytes = [Array(vault.account), Array(vault.region), Array(vault.name)]
            vaultKey = load.resolve(
                VaultKey(
                    accountId: String(decoding: vault.account, as: UTF8.self),
                    region: String(decoding: vault.region, as: UTF8.self), name: String(decoding: vault.name, as: UTF8.self)))
        }
        if case .none = current { current = load.lists.removeValue(forKey: vaultKey) ?? newList(line, like: fields) }
        current!.upsert(fields)
        load.seen(fields.creationDate)
    }

    /// Whether a line's vault is the one the last line was in (a file's lines normally all are).
    private func isCurrentVault(
        _ account: UnsafeRawBufferPointer, _ region: UnsafeRawBufferPointer, _ name: UnsafeRawBufferPointer
    ) -> Bool {
        func same(_ stored: [UInt8], _ part: UnsafeRawBufferPointer) -> Bool {
            stored.count == part.count
                && stored.withUnsafeBytes { part.isEmpty || memcmp($0.baseAddress!, part.baseAddress!, part.count) == 0 }
        }
        return vaultBytes.count == 3 && same(vaultBytes[2], name) && same(vaultBytes[0], account)
            && same(vaultBytes[1], region)
    }

    /// Puts the list being filled back into `load`: before anything else reads or changes the
    /// load's lists, and at the end of the file.
    mutating func flush(into load: inout PointsLoad) {
        if let list = current { load.lists[vaultKey] = list }
        current = nil
    }

    /// A list for a vault's first line, sized for the file: lines of one file are alike.
    private func newList(_ line: UnsafeRawBufferPointer, like fields: PointFields) -> PointList {
        var list = PointList(vault: vaultKey)
        list.reserveCapacity(fileSize / (line.count + 1) * 21 / 20 + 16, like: fields)
        return list
    }

    // MARK: - Names

    /// `data`'s keys, numbered as `scanPoint` numbers them (a switch, not an array: no retain
    /// and release of a global per key).
    private static func pointKey(_ field: Int) -> StaticString {
        switch field {
        case 0: return "arn"
        case 1: return "vaultName"
        case 2: return "resourceArn"
        case 3: return "resourceType"
        case 4: return "resourceName"
        case 5: return "status"
        case 6: return "creationDate"
        case 7: return "completionDate"
        case 8: return "sizeBytes"
        case 9: return "lifecycle"
        case 10: return "storageClass"
        case 11: return "isEncrypted"
        case 13: return "accountId"
        case 14: return "region"
        default: return "iamRoleArn"
        }
    }

    /// Which of `data`'s keys a key is: picked by length and a letter, then compared once.
    private static func pointField(_ key: UnsafeRawBufferPointer) -> Int? {
        guard key.count >= 3 else { return nil }
        let field: Int
        switch (key.count, key[0]) {
        case (3, _): field = 0
        case (9, UInt8(ascii: "v")): field = 1
        case (9, UInt8(ascii: "a")): field = 13
        case (9, UInt8(ascii: "s")): field = 8
        case (9, _): field = 9
        case (11, UInt8(ascii: "r")): field = 2
        case (11, _): field = 11
        case (12, UInt8(ascii: "r")): field = key[8] == UInt8(ascii: "T") ? 3 : 4
        case (12, UInt8(ascii: "c")): field = 6
        case (12, _): field = 10
        case (6, UInt8(ascii: "r")): field = 14
        case (6, _): field = 5
        case (14, _): field = 7
        case (10, _): field = 12
        default: return nil
        }
        return sameBytes(key, pointKey(field)) ? field : nil
    }

    private static func status(_ text: UnsafeRawBufferPointer) -> RecoveryPoint.Status? {
        guard let first = text.first else { return nil }
        let status: RecoveryPoint.Status
        switch first {
        case UInt8(ascii: "C"): status = text.count == 9 ? .completed : .creating
        case UInt8(ascii: "P"): status = .partial
        case UInt8(ascii: "D"): status = .deleting
        case UInt8(ascii: "E"): status = .expired
        case UInt8(ascii: "A"): status = .available
        case UInt8(ascii: "S"): status = .stopped
        default: return nil
        }
        return sameBytes(text, statusName(status)) ? status : nil
    }

    private static func statusName(_ status: RecoveryPoint.Status) -> StaticString {
        switch status {
        case .completed: return "COMPLETED"
        case .partial: return "PARTIAL"
        case .deleting: return "DELETING"
        case .expired: return "EXPIRED"
        case .available: return "AVAILABLE"
        case .stopped: return "STOPPED"
        case .creating: return "CREATING"
        }
    }

    private static func storageClass(_ text: UnsafeRawBufferPointer) -> RecoveryPoint.StorageClass? {
        if sameBytes(text, "WARM") { return .warm }
        if sameBytes(text, "COLD") { return .cold }
        if sameBytes(text, "DELETED") { return .deleted }
        return nil
    }
}
