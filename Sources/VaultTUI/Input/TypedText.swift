/// What an operator may type or paste into a field. An acknowledgement note goes on the record
/// and can never be edited: control, format and bidi characters (which could make it read
/// differently from what was typed) are kept out of it, not just drawn inert.
enum TypedText {
    static let filterLimit = 200

    static func isAllowed(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        return scalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: return false
            // A zero-width joiner holds an emoji sequence together; alone, or any other format
            // character (bidi overrides and isolates, marks), it hides what the note says.
            case .format: return scalar == "\u{200D}" && scalars.count > 1
            default: return true
            }
        }
    }
}
