import Foundation

/// What an AWS endpoint answers, read by the client's own readers, for the fuzzer
/// (`Fuzz/Targets/AWSAnswers`) and its regression tests. Reading an answer never traps, and:
/// - an error answer, in every protocol, yields a code, and the error line made of it is inert
///   (no control, C1, bidi or format character: `OutsideText`);
/// - an answer that carries credentials (STS's XML, SSO's JSON) is never quoted in the error that
///   says it cannot be read: the line holds no `SecretAccessKey`, `SessionToken` or their values;
/// - every `badResponse` line is inert.
@_spi(Fuzzing) public enum AWSAnswerAgreement {
    /// The readers, chosen by `kind`; `header` is an error answer's `x-amzn-ErrorType` (and SQS's
    /// query error); `body` the answer's body.
    public static func disagreement(kind: UInt8, header: [UInt8], body: [UInt8]) -> String? {
        let data = Data(body)
        switch kind % 3 {
        case 0:
            return errorAnswer(header: String(decoding: header, as: UTF8.self), body: data)
        case 1:
            for operation in ["AssumeRole", "AssumeRoleWithWebIdentity"] {
                if let broken = credentials(operation, data, read: { try STS.credentials(from: $0, source: .supplied) }) {
                    return broken
                }
            }
            let identity = AWSResponse(operation: "GetCallerIdentity", status: 200, headers: HTTPHeaders(), body: data)
            do { _ = try identity.xml(requiring: ["GetCallerIdentityResult"]) } catch { return inert(error) }
            return nil
        default:
            return credentials("GetRoleCredentials", data, read: { try SSOCredentials.roleCredentials(from: $0) })
        }
    }

    /// An answer built as the client builds one, for the readers of other modules.
    public static func answer(_ operation: String, body: Data) -> AWSResponse {
        AWSResponse(operation: operation, status: 200, headers: HTTPHeaders(), body: body)
    }

    /// Nil when `text` holds nothing a terminal would act on; else the first such character.
    public static func raw(in text: String) -> String? {
        guard let scalar = text.unicodeScalars.first(where: { OutsideText.classify($0) != .keep }) else { return nil }
        return "U+" + String(scalar.value, radix: 16, uppercase: true)
    }

    /// Nil when `error` is an `AWSError` whose line is inert (any other error is the caller's).
    public static func inert(_ error: any Error) -> String? {
        guard let error = error as? AWSError else { return nil }
        return raw(in: error.description).map { "\($0) raw in the error line: \(error.description)" }
    }

    private static func errorAnswer(header: String, body: Data) -> String? {
        for wire in [AWSOperation.WireProtocol.restJSON, .json, .query] {
            var headers = HTTPHeaders()
            if !header.isEmpty {
                headers.set("x-amzn-ErrorType", header)
                headers.set("x-amzn-query-error", header)
            }
            let answer = ServiceErrorAnswer.decode(HTTPResponse(status: 400, headers: headers, body: body), wireProtocol: wire)
            if answer.code.isEmpty { return "\(wire.rawValue): an error answer read with no code" }
            let errors: [AWSError] = [
                .service(operation: "ListBackupVaults", code: answer.code, message: answer.message, status: answer.status),
                .accessDenied(operation: "ListBackupVaults", code: answer.code, message: answer.message),
                .throttled(operation: "ListBackupVaults", code: answer.code, retryAfter: nil),
            ]
            for error in errors {
                if let found = raw(in: error.description) { return "\(wire.rawValue): \(found) raw in \(error.description)" }
            }
            if let unreadable = answer.unreadableBody, let found = raw(in: unreadable) {
                return "\(wire.rawValue): \(found) raw in what is said of an unreadable body: \(unreadable)"
            }
        }
        return nil
    }

    /// The marks of an answer quoted around a secret: a secret member's name as the XML or the
    /// JSON writes it, which no error line of the client's own words holds.
    static let secretMarks = ["SecretAccessKey>", "SessionToken>", "secretAccessKey\"", "sessionToken\"", "Token\""]

    private static func credentials(_ operation: String, _ body: Data, read: (AWSResponse) throws -> AWSCredentials) -> String? {
        do {
            _ = try read(AWSResponse(operation: operation, status: 200, headers: HTTPHeaders(), body: body))
            return nil
        } catch {
            let line = "\(error)"
            if let mark = secretMarks.first(where: { line.contains($0) }) {
                return "\(operation): the error quotes the answer around a secret (\(mark)): \(line)"
            }
            return inert(error)
        }
    }
}
