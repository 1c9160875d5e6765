import Foundation

/// `NextToken`: where the next page starts in a listing, tied to the listing it came from (the
/// operation and its vault), opaque to the caller as AWS's tokens are.
enum PageToken {
    static func make(offset: Int, scope: String) -> String {
        Data("\(scope)\n\(offset)".utf8).base64EncodedString()
    }

    /// The offset a token points at; `InvalidParameterValueException` for a token of another
    /// listing or one not made here.
    static func offset(_ token: String?, scope: String) throws(ServiceError) -> Int {
        guard let token else { return 0 }
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            let newline = text.lastIndex(of: "\n"), text[..<newline] == scope,
            let offset = Int(text[text.index(after: newline)...]), offset >= 0
        else { throw .invalidParameter("The NextToken is not valid for this request.") }
        return offset
    }

    /// One page of `items` and the token of the next, nil on the last page.
    static func page<T>(_ items: [T], token: String?, scope: String, limit: Int) throws(ServiceError)
        -> (items: ArraySlice<T>, next: String?)
    {
        let start = min(try offset(token, scope: scope), items.count)
        let end = min(start + limit, items.count)
        return (items[start..<end], end < items.count ? make(offset: end, scope: scope) : nil)
    }
}
