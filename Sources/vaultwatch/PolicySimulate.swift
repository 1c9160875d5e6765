import ArgumentParser
import Foundation
import VaultCore

/// `vaultwatch policy`: IAM policies, evaluated locally as IAM evaluates them.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Evaluate IAM policies locally, as IAM does.",
        subcommands: [PolicySimulate.self])
}

/// `vaultwatch policy simulate`: the local twin of `aws iam simulate-custom-policy` for AWS Backup.
struct PolicySimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Would this caller be allowed this AWS Backup call? Answers as IAM does, with the deciding statements.",
        discussion: """
            Weighs the vault access policy, the caller's identity-based policies and the SCPs of each level of the
            organization (root first; a file holds one policy document or a JSON array of the documents attached
            at that level) with IAM's policy evaluation logic and AWS Backup's own rules. The context file is a
            JSON object of condition keys, each a string or a list of strings ("true"/"false" for booleans); the
            keys IAM derives from the caller (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
            aws:username, …) are derived when it does not give them. A key IAM sets whenever it applies (a
            principal tag, aws:SourceArn, …) is absent when not given; a key the request cannot know (aws:SourceIp,
            aws:RequestedRegion, a resource tag, backup:…) leaves the answer unknown and is listed as missing.
            Prints the decision (allowed, explicitDeny, implicitDeny or unknown) and exits 0; exits 3 when the
            question cannot be asked (a bad file, ARN or action).
            """)

    @Option(help: ArgumentHelp("The action, e.g. backup:DeleteRecoveryPoint.", valueName: "backup:X"))
    var action: String
    @Option(
        name: .customLong("caller-arn"),
        help: ArgumentHelp("Who calls: a role session, user, root or federated user ARN.", valueName: "arn"))
    var callerArn: String
    @Option(
        name: .customLong("resource-arn"),
        help: ArgumentHelp("The vault or recovery point the call reaches.", valueName: "arn"))
    var resourceArn: String
    @Option(
        name: .customLong("vault-policy"),
        help: ArgumentHelp("The vault access policy (a document, or get-backup-vault-access-policy output).", valueName: "file"))
    var vaultPolicy: String?
    @Option(
        name: .customLong("identity-policy"),
        help: ArgumentHelp("An identity-based policy of the caller (repeatable).", valueName: "file"))
    var identityPolicies: [String] = []
    @Option(
        name: .customLong("scp"),
        help: ArgumentHelp("The SCPs of one level, root first (repeatable): a document or a JSON array of them.", valueName: "file"))
    var scps: [String] = []
    @Option(help: ArgumentHelp("Condition keys of the request (a JSON object).", valueName: "file"))
    var context: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try GuardrailContext.exitingOnMisuse { try simulate() }
    }

    private func simulate() throws {
        let action = try Self.backupAction(action)
        let caller: Caller
        switch Caller.parse(callerArn) {
        case .success(let parsed) where parsed.kind != .role: caller = parsed
        case .success:
            throw CLIError(
                "--caller-arn: \"\(callerArn)\" is a role; a role calls through a session, e.g. "
                    + "arn:aws:sts::111122223333:assumed-role/Role/session")
        case .failure(let error): throw CLIError("--caller-arn: \(error)")
        }
        guard resourceArn == "*" || ARN(resourceArn) != nil else {
            throw CLIError("--resource-arn: \"\(resourceArn)\" is not an ARN")
        }
        let requestContext = try context.map(PolicyFiles.context) ?? RequestContext()
        let policies = AuthorizationPolicies(
            vaultPolicy: try vaultPolicy.map { try PolicyFiles.vaultPolicy($0) },
            identityPolicies: try identityPolicies.map { try PolicyFiles.document($0, as: .identityPolicy) },
            serviceControlPolicies: ServiceControlPolicies(levels: try scps.map(PolicyFiles.scpLevel)))
        let request = AccessRequest(caller: caller, action: action, resource: resourceArn, context: requestContext)
        let decision = Authorization.decide(request, policies)
        if json {
            try JSONOutput.print(SimulationJSON(decision))
        } else {
            print(text(decision, request, policies).map(TextTable.sanitize).joined(separator: "\n"))
        }
    }

    /// `backup:X`, spelled as AWS spells it; anything else is refused with what was probably meant.
    static func backupAction(_ text: String) throws -> String {
        if let colon = text.firstIndex(of: ":"), text[..<colon].lowercased() != "backup" {
            throw CLIError("--action: \"\(text)\" is not an AWS Backup action (backup:X)")
        }
        guard let name = BackupActions.canonical(text) else {
            throw CLIError("--action: \(BackupActions.unknownActionMessage(text))")
        }
        return "backup:\(name)"
    }

    private func text(_ decision: AuthorizationDecision, _ request: AccessRequest, _ policies: AuthorizationPolicies)
        -> [String]
    {
        let who = request.principalArn == request.callerArn ? "" : " (aws:PrincipalArn \(request.principalArn))"
        var lines = ["\(request.action) by \(request.callerArn)\(who)", "  on \(request.resource)", ""]
        let verdicts: [AuthorizationDecision.Verdict: String] = [
            .allowed: "ALLOWED", .explicitDeny: "EXPLICIT DENY", .implicitDeny: "IMPLICIT DENY", .unknown: "UNKNOWN",
        ]
        lines += [verdicts[decision.verdict] ?? "", "  \(decision.reason)"]
        if !decision.missingContextValues.isEmpty {
            lines.append("  missing context values: \(decision.missingContextValues.joined(separator: ", "))")
        }
        lines += ["", "Each statement:"]
        let deciding = decision.matched
        if let vault = policies.vaultPolicy {
            lines += StatementLines.trace(vault, request, as: .resourcePolicy, deciding: deciding)
        } else {
            lines.append("  no vault access policy")
        }
        for document in policies.identityPolicies ?? [] {
            lines += StatementLines.trace(document, request, as: .identityPolicy, deciding: deciding)
        }
        if (policies.identityPolicies ?? []).isEmpty { lines.append("  no identity-based policy") }
        for (level, documents) in policies.serviceControlPolicies.levels.enumerated() {
            for document in documents {
                lines += StatementLines.trace(
                    document, request, as: .serviceControlPolicy, level: level, deciding: deciding)
            }
        }
        if policies.serviceControlPolicies.isEmpty { lines.append("  no SCP (an account outside an organization)") }
        return lines
    }
}

/// What `policy simulate --json` prints.
struct SimulationJSON: Encodable {
    let decision: AuthorizationDecision

    init(_ decision: AuthorizationDecision) { self.decision = decision }

    struct Statement: Encodable {
        let match: StatementMatch

        enum CodingKeys: String, CodingKey { case policy, level, file, sid, index }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            let kind =
                switch match.policyKind {
                case .resourcePolicy: "vault"
                case .identityPolicy: "identity"
                case .serviceControlPolicy: "scp"
                }
            try c.encode(kind, forKey: .policy)
            if match.policyKind == .serviceControlPolicy { try c.encode(match.level ?? 0, forKey: .level) }
            try c.encode(TextTable.sanitize(match.policyName), forKey: .file)
            if let sid = match.sid { try c.encode(TextTable.sanitize(sid), forKey: .sid) } else { try c.encodeNil(forKey: .sid) }
            try c.encode(match.index, forKey: .index)
        }
    }

    enum CodingKeys: String, CodingKey { case decision, matchedStatements, missingContextValues, reason }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decision.verdict.rawValue, forKey: .decision)
        try c.encode(decision.matched.map(Statement.init), forKey: .matchedStatements)
        try c.encode(decision.missingContextValues.map(TextTable.sanitize), forKey: .missingContextValues)
        try c.encode(TextTable.sanitize(decision.reason), forKey: .reason)
    }
}

/// The policy and context files `policy simulate` reads; a file that is not what it should be stops the
/// command with one line naming the file and the field.
enum PolicyFiles {
    static func json(_ path: String) throws -> JSONValue {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("\(path): cannot be read (\((error as NSError).localizedDescription))")
        }
        do {
            return try JSONValue(data: data)
        } catch {
            throw CLIError("\(path): not valid JSON\(JSONValue.place(of: error))")
        }
    }

    /// A policy document checked for `kind`, named by its path.
    static func document(_ path: String, as kind: PolicyKind) throws -> PolicyDocument {
        try document(try json(path), path: path, place: "", as: kind)
    }

    private static func document(_ value: JSONValue, path: String, place: String, as kind: PolicyKind) throws
        -> PolicyDocument
    {
        do throws(PolicyError) {
            let document = try PolicyDocument.parse(json: value, name: path)
            try document.validate(as: kind)
            return document
        } catch {
            let field = [place, error.path].filter { !$0.isEmpty }.joined(separator: ".")
            throw CLIError("\(path): \(field.isEmpty ? "" : "\(field): ")\(error.message)")
        }
    }

    /// The vault access policy: a document, or `aws backup get-backup-vault-access-policy` output (its
    /// `Policy` a JSON string).
    static func vaultPolicy(_ path: String) throws -> PolicyDocument {
        let value = try json(path)
        if case .object(let object) = value, object["Statement"] == nil, case .string(let text)? = object["Policy"] {
            let inner: JSONValue
            do {
                inner = try JSONValue(data: Data(text.utf8))
            } catch {
                throw CLIError("\(path): Policy: not valid JSON\(JSONValue.place(of: error)) of its text")
            }
            return try document(inner, path: path, place: "Policy", as: .resourcePolicy)
        }
        return try document(value, path: path, place: "", as: .resourcePolicy)
    }

    /// The SCPs attached at one level: a document, or a JSON array of documents; each may also be
    /// `aws organizations describe-policy` output (`Policy.Content`).
    static func scpLevel(_ path: String) throws -> [PolicyDocument] {
        let value = try json(path)
        let items: [(JSONValue, String)]
        if case .array(let array) = value {
            guard !array.isEmpty else {
                throw CLIError("\(path): an SCP level holds at least one policy (every level has one attached)")
            }
            items = array.enumerated().map { ($1, "[\($0)]") }
        } else {
            items = [(value, "")]
        }
        return try items.map { item, place in
            if case .object(let object) = item, case .object(let policy)? = object["Policy"],
                case .string(let content)? = policy["Content"]
            {
                let inner: JSONValue
                do {
                    inner = try JSONValue(data: Data(content.utf8))
                } catch {
                    throw CLIError("\(path): \(place)Policy.Content: not valid JSON\(JSONValue.place(of: error)) of its text")
                }
                return try document(inner, path: path, place: "\(place)Policy.Content", as: .serviceControlPolicy)
            }
            return try document(item, path: path, place: place, as: .serviceControlPolicy)
        }
    }

    /// A JSON object of condition keys: each value a string, a list of strings, or a boolean or number
    /// (taken as its JSON text).
    static func context(_ path: String) throws -> RequestContext {
        guard case .object(let object) = try json(path) else {
            throw CLIError("\(path): the context must be a JSON object of condition keys")
        }
        var keys: [String: [String]] = [:]
        for (key, value) in object {
            guard !key.isEmpty else { throw CLIError("\(path): a condition key must not be empty") }
            switch value {
            case .array(let items):
                keys[key] = try items.map { item in
                    guard let text = item.conditionText else {
                        throw CLIError("\(path): \(key): a list must hold strings, got \(item)")
                    }
                    return text
                }
            default:
                guard let text = value.conditionText else {
                    throw CLIError("\(path): \(key): must be a string or a list of strings, got \(value)")
                }
                keys[key] = [text]
            }
        }
        return RequestContext(keys)
    }
}
