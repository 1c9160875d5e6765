import Foundation
import VaultCore

extension DemoBackend {
    /// What AWS Backup does on its own as time passes: removes every point whose retention has
    /// ended (locked vaults included: points still expire), answering them in vault-name order.
    @discardableResult
    public func expire(at now: Date) -> [RecoveryPoint] {
        exclusively { expireHeld(at: now) }
    }

    private func expireHeld(at now: Date) -> [RecoveryPoint] {
        settle(at: now)
        var removed: [RecoveryPoint] = []
        for name in vaultNames {
            guard let due = holdings[name]?.nextDue, due <= now else { continue }
            defer { holdings[name]?.recomputeNextDue() }
            guard let gone = holdings[name]?.removeAll(where: { $0.isExpired(at: now) }), !gone.isEmpty else {
                continue
            }
            for point in gone { emit(.recoveryPointRemoved(arn: point.arn, vault: key(name), at: now)) }
            removed += gone
        }
        return removed
    }

    /// Moves every warm point whose `MoveToColdStorageAt` has come to cold storage.
    @discardableResult
    public func moveToColdStorage(at now: Date) -> [RecoveryPoint] {
        exclusively { moveToColdStorageHeld(at: now) }
    }

    private func moveToColdStorageHeld(at now: Date) -> [RecoveryPoint] {
        var moved: [RecoveryPoint] = []
        for name in vaultNames {
            guard let next = holdings[name]?.nextDue else { continue }
            guard next <= now else { continue }
            defer { holdings[name]?.recomputeNextDue() }
            let due = points(in: name).filter { point in
                point.storageClass == .warm && !point.isExpired(at: now)
                    && (point.moveToColdStorageAt.map { $0 <= now } ?? false)
            }
            for var point in due {
                point.storageClass = .cold
                holdings[name]?.put(point)
                emit(.recoveryPoint(point))
                moved.append(point)
            }
        }
        return moved
    }
}
