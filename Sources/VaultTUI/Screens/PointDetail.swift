import Foundation
import VaultCore

/// One recovery point in full, with the verdicts on deleting it and changing its lifecycle.
enum PointDetail {
    static func content(_ state: AppState, arn: String, width: Int) -> DetailContent {
        guard let point = state.account.point(arn: arn) else {
            return .missing(
                "This recovery point is no longer in the vault (it expired or was deleted). Esc goes back.", width: width)
        }
        var p = PointsScreen.verdicts(point, state, compact: false)
        p.valueLimit = state.fullValues ? nil : Prose.detailLimit
        p.gap()
        p.add("Vault", point.vaultName)
        p.add("Resource", "\(point.resourceType) · \(point.resourceArn)")
        p.add("Source", PointsScreen.source(point).map { "account \($0)" } ?? "unknown account")
        p.add(
            "Status", "\(point.status.rawValue) · \(point.storageClass.rawValue) · \(point.isEncrypted ? "encrypted" : "NOT encrypted")",
            point.isEncrypted ? .normal : .danger)
        p.add("Created", UTC.minute(point.creationDate) + (point.completionDate.map { " · completed \(UTC.minute($0))" } ?? ""))
        p.add("Size", Format.bytes(point.sizeBytes))
        p.add("ARN", point.arn, .muted)
        if let role = point.iamRoleArn { p.add("IAM role", role, .muted) }
        return DetailContent(title: PointsScreen.resourceLabel(point), titleRole: .emphasis, body: DetailContent.prose(p, width: width), cutsValues: p.cutsValues)
    }
}
