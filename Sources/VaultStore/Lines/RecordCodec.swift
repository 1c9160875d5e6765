import VaultCore

/// Decoding a line's `data` by record type and schema version: the upgrade hook.
enum RecordCodec {
    static func record(
        _ type: RecordType, schema: Int, in container: KeyedDecodingContainer<StoredLine.Key>
    ) throws -> Record {
        switch schema {
        // When the shape of a payload changes, add a case here for the version before: decode its
        // shape and convert it to today's Record.
        case 1, 2:
            // Schema 2 only added the envelope's `prev` (the hash chain); schema 3 added the
            // account and region of a point's, job's, alert's, removal's and access policy's vault.
            // Their decoders read a payload without them as naming its vault only (a legacy
            // `VaultKey`), which the account state resolves to the one vault of that name; a
            // version-1 line's missing `prev` makes it unchained, which only `verify` looks at.
            return try current(type, in: container)
        case StoreSchema.current:
            return try current(type, in: container)
        default:
            throw LineFault.malformed("schema \(schema) has no decoder")
        }
    }

    private static func current(_ type: RecordType, in c: KeyedDecodingContainer<StoredLine.Key>) throws -> Record {
        switch type {
        case .vault: return .vault(try c.decode(Vault.self, forKey: .data))
        case .vaultRemoved:
            let removal = try c.decode(VaultRemoval.self, forKey: .data)
            return .vaultRemoved(removal.vault, at: removal.at)
        case .recoveryPoint: return .recoveryPoint(try c.decode(RecoveryPoint.self, forKey: .data))
        case .recoveryPointRemoved:
            let removal = try c.decode(RecoveryPointRemoval.self, forKey: .data)
            return .recoveryPointRemoved(arn: removal.arn, vault: removal.vault, at: removal.at)
        case .job: return .job(try c.decode(BackupJob.self, forKey: .data))
        case .call: return .call(try c.decode(ApiCall.self, forKey: .data))
        case .alert: return .alert(try c.decode(Alert.self, forKey: .data))
        case .acknowledgement: return .acknowledgement(try c.decode(Acknowledgement.self, forKey: .data))
        case .sync: return .sync(try c.decode(SyncStatus.self, forKey: .data))
        case .policy: return .policy(try c.decode(GuardrailPolicy.self, forKey: .data))
        case .organization: return .organization(try c.decode(OrganizationPath.self, forKey: .data))
        }
    }
}
