/// Splits a command line into words as Python's `shlex.split` (POSIX mode) does — how botocore
/// splits `credential_process` on non-Windows systems. No shell runs: no variables, globs or pipes.
/// Single quotes keep everything literally; double quotes keep everything but `\` before `\ " $ \``
/// and newline; outside quotes `\` keeps the next character. An unclosed quote is an error.
enum ShellWords {
    struct UnclosedQuote: Error {}

    static func split(_ line: String) throws -> [String] {
        var words = [String]()
        var word = ""
        var inWord = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let d = chars.next() {
                    if d == "'" { closed = true; break }
                    word.append(d)
                }
                guard closed else { throw UnclosedQuote() }
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.next() {
                    if d == "\"" { closed = true; break }
                    if d == "\\" {
                        guard let e = chars.next() else { throw UnclosedQuote() }
                        if e != "\\" && e != "\"" && e != "$" && e != "`" && e != "\n" { word.append("\\") }
                        word.append(e)
                    } else {
                        word.append(d)
                    }
                }
                guard closed else { throw UnclosedQuote() }
            case "\\":
                inWord = true
                if let e = chars.next() { word.append(e) }
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
