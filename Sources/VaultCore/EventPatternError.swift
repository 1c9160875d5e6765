/// Why a pattern (or an event) was refused: the dotted path of the offending field and what is wrong with it.
public struct EventPatternError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Dotted field path from the pattern's root, e.g. `detail.userIdentity.arn`; `$or` branches appear as
    /// `$or[1]`. Empty for the pattern (or event) as a whole.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
