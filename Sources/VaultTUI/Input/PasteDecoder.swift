/// Bracketed paste (xterm's mode 2004): the terminal wraps pasted text in `ESC [200~` and
/// `ESC [201~`, so a note pasted with a newline in it is typed, not submitted line by line. ncurses
/// does not know these sequences and hands their characters over one by one; this turns them
/// back into one paste. State carries across reads, as a paste can arrive in several.
public struct PasteDecoder {
    public init() {}

    static let start: [Character] = ["[", "2", "0", "0", "~"]
    static let end: [Character] = ["[", "2", "0", "1", "~"]
    /// A paste whose end marker never comes must not swallow the keyboard for good: past this
    /// many characters the paste ends where it is.
    public static let limit = 16_384

    private var pasting = false
    private var text = ""
    /// `text.count`, kept as it grows: counting the characters of the paste at every one of them
    /// made a 16 KiB paste cost quadratic time (found by the terminal input fuzzer).
    private var textCount = 0
    /// Characters seen after an ESC that may still become a marker.
    private var pending: [Character]?

    /// The inputs with each complete paste as one `.paste`. A lone ESC at the end of a read, not
    /// inside a paste, is the Esc key and is given back at once; a marker begun (`ESC [`…) waits
    /// for the next read.
    public mutating func feed(_ inputs: [TerminalInput]) -> [TerminalInput] {
        var out: [TerminalInput] = []
        for input in inputs {
            if pending != nil {
                if case .key(.char(let c)) = input, marker.count > pending!.count, marker[pending!.count] == c {
                    pending!.append(c)
                    if pending!.count == marker.count { toggle(&out) }
                    continue
                }
                flushPending(&out)
            }
            switch input {
            case .key(.escape):
                pending = []
            case .key(let key) where pasting:
                switch key {
                case .char(let c): append(c)
                case .enter: append("\n")
                case .tab: append("\t")
                default: break
                }
                if textCount >= Self.limit {
                    out.append(.paste(text))
                    text = ""
                    textCount = 0
                    pasting = false
                }
            default:
                out.append(input)
            }
        }
        if !pasting, pending?.isEmpty == true { flushPending(&out) }
        return out
    }

    private var marker: [Character] { pasting ? Self.end : Self.start }

    private mutating func toggle(_ out: inout [TerminalInput]) {
        pending = nil
        if pasting {
            out.append(.paste(text))
            text = ""
            textCount = 0
        }
        pasting.toggle()
    }

    /// Adds to the paste, counting as `text.count` would: a character that joins the one before it
    /// (a combining mark, the second half of a flag) leaves the last character other than itself,
    /// and the count as it was.
    private mutating func append(_ c: Character) {
        text.append(c)
        if text.last == c { textCount += 1 }
    }

    /// What looked like the start of a marker was not one: an ESC key and the characters after it
    /// (inside a paste, text).
    private mutating func flushPending(_ out: inout [TerminalInput]) {
        guard let chars = pending else { return }
        pending = nil
        if pasting {
            for c in chars { append(c) }
            return
        }
        out.append(.key(.escape))
        out += chars.map { .key(.char($0)) }
    }
}
