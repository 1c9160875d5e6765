import Foundation
import VaultCore

/// One recovery point in full, with the verdicts on deleting it and changing its lifecycle.
enum PointDetail {
    static func draw(into grid: inout Grid, _ state: AppState, arn: String, rect: Rect) {
        grid.fill(rect, role: .normal)
        guard let point = state.account.point(arn: arn) else {
            grid.write("This recovery point is no longer in the vault (it expired or was deleted). Esc goes back.", x: 2, y: rect.y + 1, role: .warning)
            return
        }
        grid.write(PointsScreen.resourceLabel(point), x: 1, y: rect.y, role: .emphasis, maxWidth: rect.width - 2)
        var p = PointsScreen.verdicts(point, state, compact: false)
        p.gap()
        p.add("Vault", point.vaultName)
        p.add("Resource", "\(point.resourceType) · \(point.resourceArn)")
        p.add("Source", point.sourceAccount.map { "account \($0)" } ?? "unknown account")
        p.add("Status", "\(point.status.rawValue) · \(point.storageClass.rawValue) · \(point.isEncrypted ? "encrypted" : "NOT encrypted")", point.isEncrypted ? .normal : .danger)
        p.add("Created", UTC.minute(point.creationDate) + (point.completionDate.map { " · completed \(UTC.minute($0))" } ?? ""))
        p.add("Size", Format.bytes(point.sizeBytes))
        p.add("ARN", point.arn, .muted)
        if let role = point.iamRoleArn { p.add("IAM role", role, .muted) }
        p.draw(into: &grid, rect: Rect(x: 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1))
    }
}
