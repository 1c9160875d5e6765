import Foundation
import Testing
import VaultCore

/// A hand-written JSON file that does not parse is refused with the place it stops being JSON.
@Suite struct JSONSyntaxErrorTests {
    @Test(arguments: [
        ("{\"Version\":\"2012-10-17\",\n \"Statement\": [ {\"Effect\":\"Deny\",, } ]}", "not valid JSON at line 2, column 34"),
        // Columns count characters, not UTF-8 bytes.
        ("{\"a\": \"é中\",\n\"b\": x}", "not valid JSON at line 2, column 6"),
        ("{not json", "not valid JSON at line 1, column 2"),
        // A text that ends too soon has no place to name.
        ("{", "not valid JSON"),
    ])
    func namesLineAndColumn(text: String, expected: String) {
        do {
            _ = try JSONValue(data: Data(text.utf8))
            Issue.record("\(text) parsed")
        } catch {
            #expect("\(error)" == expected)
        }
    }

    @Test func aPolicyFileSaysWhereItBreaks() {
        #expect(throws: PolicyError(path: "", message: "policy is not valid JSON at line 4, column 2")) {
            try PolicyDocument.parse("{\n  \"Version\": \"2012-10-17\"\n\n}x", name: "p")
        }
    }
}
