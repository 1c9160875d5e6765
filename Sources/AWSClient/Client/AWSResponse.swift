import Foundation

/// A successful answer to one operation, with readers that turn an unreadable body into
/// `AWSError.badResponse` naming the operation and what was wrong.
public struct AWSResponse: Sendable {
    public let operation: String
    public let status: Int
    public let headers: HTTPHeaders
    public let body: Data
    /// Set for an answer that carries credentials (STS, SSO): an error about it then says how long
    /// it was, never how it starts, since its first bytes may be a secret.
    var holdsSecrets = false

    /// This answer, marked as carrying credentials (see `holdsSecrets`).
    var holdingSecrets: AWSResponse {
        var marked = self
        marked.holdsSecrets = true
        return marked
    }

    /// What an error may say of the body: its first bytes (made inert), or only its length.
    var bodyQuoted: String {
        holdsSecrets ? "\(body.count) bytes, not shown (the answer carries credentials)" : ServiceErrorAnswer.preview(body)
    }

    /// The body as a JSON object (an empty body reads as `{}`, as botocore accepts it).
    public func jsonObject() throws(AWSError) -> [String: Any] {
        if body.isEmpty { return [:] }
        guard let value = try? JSONSerialization.jsonObject(with: body, options: []) else {
            throw bad("the body is not JSON: \(bodyQuoted)")
        }
        guard let object = value as? [String: Any] else { throw bad("the body is JSON but not an object") }
        return object
    }

    /// The body decoded as `T` (timestamps as epoch seconds, as the JSON protocols send them).
    public func decode<T: Decodable>(_ type: T.Type) throws(AWSError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(T.self, from: body.isEmpty ? Data("{}".utf8) : body)
        } catch let error as DecodingError {
            throw bad(describe(error))
        } catch {
            throw bad("the body could not be decoded")
        }
    }

    /// The body as an XML tree (Query protocol), with `path` required below the root.
    public func xml(requiring path: [String] = []) throws(AWSError) -> XMLTree {
        guard let tree = XMLTree.parse(body) else {
            throw bad("the body is not XML: \(bodyQuoted)")
        }
        guard tree.at(path) != nil else {
            throw bad("the XML answer has no \(([tree.name] + path).joined(separator: "/"))")
        }
        return tree
    }

    public func bad(_ problem: String) -> AWSError {
        .badResponse(operation: operation, status: status, problem: problem)
    }

    func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not JSON (truncated or malformed): \(bodyQuoted)" }
            return "\(path(context)) is malformed"
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "\(key.stringValue) is missing\(at)"
        case .typeMismatch(let type, let context):
            return "\(path(context)) is not a \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context)) is null where a \(type) was expected"
        @unknown default:
            return "the body has an unexpected shape"
        }
    }
}
