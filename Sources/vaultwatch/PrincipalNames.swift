import VaultCore

/// Each principal's short name (`DevOps/alice`) for a listing, worked out once per principal: a
/// listing of 15,000 alerts names a few thousand principals, and working a name out (reading the
/// ARN, making a string) cost more than looking it up. Keyed by the ARN alone, whose hash is
/// cheaper than a whole principal's; the other fields are compared on a hit, so two principals
/// of one ARN (a hostile store) still get their own names.
struct PrincipalNames {
    private var known: [String: (principal: Principal, name: String)] = [:]

    mutating func name(of principal: Principal) -> String {
        if let hit = known[principal.arn], hit.principal.kind == principal.kind, hit.principal.accountId == principal.accountId,
            hit.principal.issuerArn == principal.issuerArn
        {
            return hit.name
        }
        let name = principal.displayName
        known[principal.arn] = (principal, name)
        return name
    }
}
