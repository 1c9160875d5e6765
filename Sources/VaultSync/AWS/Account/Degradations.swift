import AWSClient

/// The reads a poll could not make, in words: refused for lack of permission, or not offered by
/// the endpoint (an emulator such as moto answers an operation it lacks with an HTML 404). Such a
/// read degrades only what needs it (what it feeds stays as it was, the check says UNKNOWN with
/// this reason); any other failure fails the whole poll, so nothing is half applied.
struct Degradations: Sendable {
    private(set) var notes: [String] = []

    /// `body`'s answer; nil, and a note, when it was refused for lack of permission.
    mutating func tolerate<T>(_ what: String, _ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let error as AWSError where error.isAccessDenied {
            notes.append("\(what): \(error)")
            return nil
        } catch let error as AWSError where error.isNotImplemented {
            notes.append("\(what): the endpoint does not offer this operation (\(error.statusText))")
            return nil
        }
    }

    mutating func note(_ text: String) { notes.append(text) }
}
