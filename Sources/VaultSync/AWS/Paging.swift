import AWSClient
import Foundation

/// Follows `NextToken` to the end: a listing is whole or it is an error, never half applied.
/// "These operations can occasionally return an empty set of results even when more results are
/// available": only a missing token ends it. A token that comes back unchanged is an error rather
/// than a loop.
enum Paging {
    /// The most pages one listing may take (a million recovery points in pages of 1,000 is 1,000).
    static let pageLimit = 100_000

    static func all<Page: Decodable>(
        _ type: Page.Type, nextToken: (Page) -> String?, operation: (String?) throws -> AWSOperation,
        send: (AWSOperation) throws -> AWSResponse
    ) throws -> [Page] {
        var pages: [Page] = []
        var token: String?
        repeat {
            let request = try operation(token)
            let page = try send(request).decode(Page.self)
            pages.append(page)
            let next = nextToken(page).flatMap { $0.isEmpty ? nil : $0 }
            if let next, next == token {
                throw AWSError.badResponse(operation: request.name, status: 200, problem: "NextToken came back unchanged")
            }
            token = next
            if pages.count >= pageLimit {
                throw AWSError.badResponse(operation: request.name, status: 200, problem: "more than \(pageLimit) pages")
            }
        } while token != nil
        return pages
    }
}
