import VaultCore

/// What a listing of alerts shows of each principal, worked out once per principal: its short
/// name (`DevOps/alice`) and the admin role its name reads as while not being it. A listing of
/// 15,000 alerts names a few thousand principals, sessions of a few dozen roles; working either
/// out (reading the ARN, making a string, comparing skeletons) costs more than one look-up, and
/// one look-up a row costs less than two. Keyed by the ARN alone, whose hash is cheaper than a
/// whole principal's; the other fields are compared on a hit, so two principals of one ARN (a
/// hostile store) still get their own.
struct ListedPrincipals {
    struct Shown {
        var name: String
        /// The admin role (ARN) the principal's name reads as, while not being it.
        var looksLike: String?
    }

    /// Remembers who imitates an admin, by judged ARN.
    private var assessor: AlertAssessor
    private var known: [String: (principal: Principal, shown: Shown)] = [:]

    init(admins: [String]) { assessor = AlertAssessor(admins: admins) }

    mutating func shown(_ principal: Principal) -> Shown {
        if let hit = known[principal.arn], hit.principal.kind == principal.kind, hit.principal.accountId == principal.accountId,
            hit.principal.issuerArn == principal.issuerArn
        {
            return hit.shown
        }
        let shown = Shown(name: principal.displayName, looksLike: assessor.imitated(by: principal))
        known[principal.arn] = (principal, shown)
        return shown
    }
}
