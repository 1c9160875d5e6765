/// What a request that does not carry a condition key says about it (IAM User Guide, *AWS global condition
/// context keys*): either the key is *absent* — IAM sets it whenever it applies, so a request without it is one
/// it does not apply to, and the documented missing-key rules decide — or the request genuinely cannot know it
/// (where the call comes from, MFA, the region asked for, the resource's tags, a service's own keys), and a
/// condition on it cannot be decided.
public enum ConditionKeys {
    /// Keys IAM always sets when they apply: about the principal (its tags, its organization, its type and
    /// names), about a service acting on someone's behalf (`aws:SourceArn`, `aws:CalledVia`, …), the session
    /// keys a role session, a federation or a root session carries, and the organization of the resource's
    /// account (present, like `aws:PrincipalOrgID`, only when the account is in one). Lowercased.
    static let setWhenTheyApply: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths",
        "aws:principaltype", "aws:userid", "aws:username", "aws:principalisawsservice", "aws:principalservicename",
        "aws:principalservicenameslist", "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid",
        "aws:sourceorgpaths", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast", "aws:viaawsservice",
        "aws:federatedprovider", "aws:sourceidentity", "aws:rolesessionname", "aws:assumedroot",
        "aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths",
    ]

    /// Families of keys of the same kind: `aws:PrincipalTag/team`, … Lowercased.
    static let setWhenTheyApplyPrefixes = ["aws:principaltag/"]

    /// Keys that hold several values; a single-valued operator on one of them cannot be judged.
    static let multivalued: Set<String> = [
        "aws:principalorgpaths", "aws:principalservicenameslist", "aws:sourceorgpaths", "aws:calledvia",
        "aws:tagkeys", "aws:resourceorgpaths",
    ]

    /// Whether a request that lacks `key` (lowercased) is known not to have it.
    static func isSetWhenItApplies(folded key: String) -> Bool {
        setWhenTheyApply.contains(key) || setWhenTheyApplyPrefixes.contains { key.hasPrefix($0) }
    }
}
