/// For the fuzzer (`Fuzz/Targets/Policy`) and its regression tests: a policy document (up to the
/// first NUL byte, read as JSON: see `FuzzInput`) and a request chosen by the bytes after it.
/// Parsing the document and evaluating it never trap, and the evaluator and the explanation agree:
/// a valid document denies a request whenever a Deny statement's trace says it applies, and every
/// statement a denial names is one the explanation says applies.
@_spi(Fuzzing) public enum PolicyAgreement {
    public static func disagreement(_ bytes: [UInt8]) -> String? {
        let (text, choice) = FuzzInput.split(bytes)
        guard let json = FuzzInput.json(text), let document = try? PolicyParser.document(json, name: "fuzzed") else { return nil }
        func pick(_ options: [String], _ k: Int) -> String { options[Int(choice.count > k ? choice[k] : 0) % options.count] }
        let request = AccessRequest(
            principalArn: pick(principals, 0), action: pick(actions, 1), resource: pick(resources, 2),
            orgID: choice.count > 3 && choice[3] & 1 == 1 ? "o-a1b2c3d4e5" : nil,
            sourceAccount: choice.count > 3 && choice[3] & 2 == 2 ? "111122223333" : nil)
        for kind in [PolicyKind.resourcePolicy, .serviceControlPolicy] {
            let decision =
                kind == .resourcePolicy
                ? Guardrails.decide(request, vaultPolicy: document, scps: [])
                : Guardrails.decideBySCPs(request, scps: [document])
            let traces = document.explain(request, as: kind)
            let applyingDenies = traces.filter { $0.verdict == .applies && $0.statement.effect == .deny }
            let denied = decision.outcome == .denied
            // A document IAM would not take as this kind decides nothing (its answer is unknown).
            let valid = (try? document.validate(as: kind)) != nil
            if valid, !applyingDenies.isEmpty, !denied {
                return "\(kind): the explanation has a Deny that applies (\(applyingDenies[0].statement.statementLabel)), the decision is \(decision.outcome)"
            }
            if denied {
                for statement in decision.deciding {
                    let trace = traces.first { $0.statement.statementLabel == statement.statementLabel && $0.statement.effect == statement.effect }
                    guard trace?.verdict == .applies else {
                        return "\(kind): the decision names \(statement.statementLabel), which the explanation says \(String(describing: trace?.verdict))"
                    }
                }
            }
        }
        return nil
    }

    static let principals = [
        "arn:aws:iam::111122223333:role/BackupVaultAdmin", "arn:aws:iam::111122223333:role/Developer",
        "arn:aws:iam::111122223333:user/ci", "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/Intruder",
        "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123",
    ]
    static let actions = [
        "backup:DeleteRecoveryPoint", "backup:DeleteBackupVault", "backup:PutBackupVaultAccessPolicy",
        "backup:DeleteBackupVaultLockConfiguration", "backup:StartCopyJob", "s3:GetObject",
    ]
    static let resources = [
        "arn:aws:backup:eu-west-1:111122223333:backup-vault:central", "arn:aws:backup:eu-west-1:111122223333:recovery-point:*",
        "*",
    ]
}
