import Testing
import VaultCore

/// The AWS documentation pages the tables follow.
enum AWSDoc {
    static let evaluationLogic =
        "IAM User Guide, Policy evaluation logic (reference_policies_evaluation-logic.html)"
    static let crossAccount =
        "IAM User Guide, Cross-account policy evaluation logic (reference_policies_evaluation-logic-cross-account.html)"
    static let conditionOperators =
        "IAM User Guide, IAM JSON policy elements: Condition operators (reference_policies_elements_condition_operators.html)"
    static let globalKeys =
        "IAM User Guide, AWS global condition context keys (reference_policies_condition-keys.html)"
    static let variables = "IAM User Guide, IAM policy elements: Variables and tags (reference_policies_variables.html)"
    static let principal = "IAM User Guide, AWS JSON policy elements: Principal (reference_policies_elements_principal.html)"
    static let notPrincipal =
        "IAM User Guide, AWS JSON policy elements: NotPrincipal (reference_policies_elements_notprincipal.html)"
    static let scpEvaluation = "AWS Organizations User Guide, SCP evaluation (orgs_manage_policies_scps_evaluation.html)"
    static let scps = "AWS Organizations User Guide, Service control policies (orgs_manage_policies_scps.html)"
    static let vaultAccessPolicy =
        "AWS Backup Developer Guide, Vault access policies (create-a-vault-access-policy.html)"
}

/// One row of an authorization table: the call, the policies as JSON statements, the context, and IAM's
/// answer with the statements that decide it, named `vault#i`, `id<n>#i` and `scp<level>.<n>#i`.
struct AuthorizationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let doc: String
    var caller = "arn:aws:sts::111122223333:assumed-role/Dev/alice"
    var action = "backup:DeleteRecoveryPoint"
    var resource = "arn:aws:backup:us-east-1:111122223333:recovery-point:rp-1"
    /// The vault access policy's statements, or nil for none.
    var vault: [String]?
    /// Each identity-based policy's statements.
    var identity: [[String]] = []
    /// Per level, each SCP's statements.
    var scps: [[[String]]] = []
    var context: [String: [String]] = [:]
    var managementAccount: String?
    let expected: AuthorizationDecision.Verdict
    var matched: [String]?
    var missing: [String] = []

    var testDescription: String { "\(name) → \(expected) [\(doc)]" }

    static func document(_ statements: [String], name: String) throws -> PolicyDocument {
        try PolicyDocument.parse(
            #"{"Version": "2012-10-17", "Statement": [\#(statements.joined(separator: ", "))]}"#, name: name)
    }

    func decide() throws -> AuthorizationDecision {
        let caller = try Caller.parse(caller).get()
        let policies = AuthorizationPolicies(
            vaultPolicy: try vault.map { try Self.document($0, name: "vault") },
            identityPolicies: try identity.enumerated().map { try Self.document($1, name: "id\($0)") },
            serviceControlPolicies: ServiceControlPolicies(
                levels: try scps.enumerated().map { level, documents in
                    try documents.enumerated().map { try Self.document($1, name: "scp\(level).\($0)") }
                },
                managementAccount: managementAccount))
        let request = AccessRequest(caller: caller, action: action, resource: resource, context: RequestContext(context))
        return Authorization.decide(request, policies)
    }

    func check() throws {
        let decision = try decide()
        #expect(decision.verdict == expected, "\(name): \(decision.reason)")
        if let matched {
            let names = decision.matched.map { match in
                switch match.policyKind {
                case .resourcePolicy: "vault#\(match.index)"
                case .identityPolicy, .serviceControlPolicy: "\(match.policyName)#\(match.index)"
                }
            }
            #expect(names == matched, "\(name): \(decision.reason)")
        }
        #expect(decision.missingContextValues == missing, "\(name): \(decision.reason)")
    }
}

/// Statement builders for the tables.
enum Statements {
    static func allow(_ action: String = "backup:DeleteRecoveryPoint", resource: String = "*", _ extra: String = "")
        -> String
    {
        #"{"Effect": "Allow", "Action": "\#(action)", "Resource": "\#(resource)"\#(extra)}"#
    }

    static func deny(_ action: String = "backup:DeleteRecoveryPoint", resource: String = "*", _ extra: String = "")
        -> String
    {
        #"{"Effect": "Deny", "Action": "\#(action)", "Resource": "\#(resource)"\#(extra)}"#
    }

    /// A vault access policy statement naming `principal` (a JSON value).
    static func vault(
        _ effect: String, _ principal: String, _ action: String = "backup:DeleteRecoveryPoint", _ extra: String = ""
    ) -> String {
        #"{"Effect": "\#(effect)", "Principal": \#(principal), "Action": "\#(action)", "Resource": "*"\#(extra)}"#
    }

    static func condition(_ json: String) -> String { #", "Condition": \#(json)"# }

    static let fullAWSAccess = #"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#
}
