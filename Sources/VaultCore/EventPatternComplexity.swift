/// EventBridge's limit on wildcard patterns: "If a rule is too complex, EventBridge returns an
/// InvalidEventPatternException when attempting to create the rule" (EventBridge User Guide, *Comparison
/// operators*, wildcards and event pattern complexity). The measure is event-ruler's
/// `MachineComplexityEvaluator`: the most wildcard-pattern prefixes one input value can be inside at once,
/// per field machine of the compiled rule (its `$or` branches included), the patterns' enclosing quotes
/// counted as event-ruler compiles them.
enum EventPatternComplexity {
    /// The largest complexity EventBridge accepts. Not published; ten is the value an observed rejection
    /// bounds (three `"*:stack/NAME/*"` values on one field accepted, four refused, complexities 9 and 12).
    static let limit = 10
    /// How many `$or` combinations are expanded to judge a pattern with wildcards.
    static let combinationLimit = 10_000

    static let tooComplex =
        "rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a "
        + "wildcard character"

    /// One value of a leaf: an identity (values that are the same lead to the same place), its wildcard
    /// patterns, and whether it is `exists: false` (whose machines event-ruler does not evaluate).
    struct Term: Sendable {
        let identity: String
        let wildcards: [String]
        let absent: Bool
    }

    /// One field of one combination of `$or` branches.
    struct Field: Sendable {
        let path: String
        let terms: [Term]
    }

    /// Why `pattern` is refused, or `nil` when EventBridge would accept its wildcards.
    static func check(_ pattern: JSONValue) -> EventPatternFailure? {
        guard case .object(let object) = pattern, hasWildcard(pattern) else { return nil }
        guard let clauses = expand(object, prefix: "") else {
            return EventPatternFailure(
                "the $or branches combine into more than \(combinationLimit) patterns, too many to judge")
        }
        return complexity(of: clauses) > limit ? EventPatternFailure(tooComplex) : nil
    }

    private static func hasWildcard(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let object): object.contains { $0.key == "wildcard" || hasWildcard($0.value) }
        case .array(let items): items.contains(where: hasWildcard)
        default: false
        }
    }

    /// Every combination of `$or` branches as a list of fields, as event-ruler's compiler forks them;
    /// `nil` past `combinationLimit`.
    private static func expand(_ object: [String: JSONValue], prefix: String) -> [[Field]]? {
        var clauses: [[Field]] = [[]]
        for key in object.keys.sorted() {
            let value = object[key]!
            let alternatives: [[Field]]
            switch value {
            case .array(let branches) where key == "$or":
                var forks: [[Field]] = []
                for case .object(let branch) in branches {
                    guard let expanded = expand(branch, prefix: prefix) else { return nil }
                    forks += expanded
                }
                alternatives = forks
            case .object(let inner):
                guard let expanded = expand(inner, prefix: prefix + key + ".") else { return nil }
                alternatives = expanded
            case .array(let items):
                alternatives = [[Field(path: prefix + key, terms: items.map(term))]]
            default:
                continue
            }
            guard clauses.count * max(alternatives.count, 1) <= combinationLimit else { return nil }
            clauses = clauses.flatMap { clause in alternatives.map { clause + $0 } }
        }
        return clauses
    }

    private static func term(_ value: JSONValue) -> Term {
        guard case .object(let object) = value, let (name, argument) = object.first else {
            return Term(identity: value.description, wildcards: [], absent: false)
        }
        switch (name, argument) {
        case ("wildcard", .string(let text)):
            return Term(identity: value.description, wildcards: [text], absent: false)
        case ("anything-but", .object(let inner)):
            guard case .some(let (innerName, operand)) = inner.first, innerName == "wildcard" else { break }
            var texts: [String] = []
            if case .string(let text) = operand { texts = [text] }
            if case .array(let items) = operand { for case .string(let text) in items { texts.append(text) } }
            return Term(identity: value.description, wildcards: Array(Set(texts)).sorted(), absent: false)
        case ("exists", .bool(false)):
            return Term(identity: value.description, wildcards: [], absent: true)
        default:
            break
        }
        return Term(identity: value.description, wildcards: [], absent: false)
    }

    /// A name state of the compiled rule: the machine of each field tried from there.
    private final class NameState {
        var machines: [String: Machine] = [:]
        var order: [String] = []
    }

    /// The byte machine of one field in one name state: its values, and the name states they lead to.
    private final class Machine {
        var terms: [Term] = []
        var next: [String: NameState] = [:]
        /// The name states reached through a value that is present (not `exists: false`).
        var reached: [ObjectIdentifier: NameState] = [:]
    }

    /// The largest complexity of any field machine of the rule `clauses` compile to.
    private static func complexity(of clauses: [[Field]]) -> Int {
        let root = NameState()
        for clause in clauses {
            var states = [root]
            for field in clause.sorted(by: { $0.path < $1.path }) {
                var next: [ObjectIdentifier: NameState] = [:]
                for state in states {
                    let machine: Machine
                    if let existing = state.machines[field.path] {
                        machine = existing
                    } else {
                        machine = Machine()
                        state.machines[field.path] = machine
                        state.order.append(field.path)
                    }
                    var last: NameState?
                    for term in field.terms {
                        machine.terms.append(term)
                        if let old = machine.next[term.identity] {
                            last = old
                        } else {
                            let target = last ?? NameState()
                            last = target
                            machine.next[term.identity] = target
                        }
                        next[ObjectIdentifier(last!)] = last!
                        if !term.absent { machine.reached[ObjectIdentifier(last!)] = last! }
                    }
                }
                states = Array(next.values)
            }
        }
        var worst = 0
        var seen = Set<ObjectIdentifier>()
        var pending = [root]
        while let state = pending.popLast() {
            guard seen.insert(ObjectIdentifier(state)).inserted else { continue }
            for path in state.order {
                let machine = state.machines[path]!
                worst = max(worst, wildcardComplexity(machine.terms, quoted: true, cap: limit + 1))
                if worst > limit { return worst }
                pending += machine.reached.values
            }
        }
        return worst
    }

    private struct State {
        var literal: [UInt8: [Int]] = [:]
        var any: [Int] = []
        var weight: Set<String> = []
        var prefix: [UInt8: Int] = [:]
        var star = 0
    }

    private static let star = 256

    /// event-ruler's measure for the wildcard patterns of one field machine: the most weighted states an
    /// input can be in at once, each state weighing the values whose patterns pass through it. Patterns
    /// share their states up to their first `*` (and a value's final state); `quoted` wraps each pattern in
    /// the quotes event-ruler compiles a string with. Stops counting past `cap`.
    static func wildcardComplexity(_ terms: [Term], quoted: Bool, cap: Int = .max) -> Int {
        var states = [State()]
        var finals: [String: Int] = [:]
        var alphabet = Set<UInt8>()
        for term in terms {
            for pattern in term.wildcards {
                let tokens = self.tokens(pattern, quoted: quoted)
                var current = 0
                var previous = -1
                var determinate = true
                for (i, token) in tokens.enumerated() {
                    var next = 0
                    let terminal = i == tokens.count - 1
                    if terminal {
                        next = finals[term.identity] ?? 0
                    } else if token == star {
                        if determinate {
                            next = states[current].star
                            if next == 0 { states[current].star = states.count }
                        }
                        determinate = false
                    } else if determinate {
                        next = states[current].prefix[UInt8(token)] ?? 0
                    }
                    let created = next == 0
                    if created {
                        next = states.count
                        states.append(State())
                        if terminal {
                            finals[term.identity] = next
                        } else if determinate {
                            states[current].prefix[UInt8(token)] = next
                        }
                    }
                    if token == star {
                        if states[next].any.isEmpty {
                            states[current].any.append(next)
                            states[next].any = [next]
                        }
                    } else if terminal || created {
                        let byte = UInt8(token)
                        alphabet.insert(byte)
                        states[current].literal[byte, default: []].append(next)
                        if i > 0, tokens[i - 1] == star { states[previous].literal[byte, default: []].append(next) }
                    }
                    states[next].weight.insert(term.identity)
                    previous = current
                    current = next
                }
            }
        }
        guard states.count > 1 else { return 0 }
        // One byte stands for every byte no pattern names.
        let bytes: [Int] = [star] + alphabet.sorted().map(Int.init)
        var pending: [[Int]] = [[0]]
        var seen = Set<[Int]>()
        var worst = 0
        while let active = pending.popLast() {
            for byte in bytes {
                var next = Set<Int>()
                for id in active {
                    next.formUnion(states[id].any)
                    if byte != star, let targets = states[id].literal[UInt8(byte)] { next.formUnion(targets) }
                }
                guard !next.isEmpty else { continue }
                var weight = 0
                for id in next {
                    weight += states[id].weight.count
                    for skipped in states[id].any where !next.contains(skipped) { weight += states[skipped].weight.count }
                }
                if weight > cap { return weight }
                worst = max(worst, weight)
                let key = next.sorted()
                if seen.insert(key).inserted { pending.append(key) }
            }
        }
        return worst
    }

    /// The bytes of a wildcard pattern, `*` as `star`, escapes resolved, in quotes when `quoted`.
    private static func tokens(_ pattern: String, quoted: Bool) -> [Int] {
        var tokens: [Int] = quoted ? [Int(UInt8(ascii: "\""))] : []
        var escaping = false
        for byte in pattern.utf8 {
            if escaping {
                tokens.append(Int(byte))
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == UInt8(ascii: "*") {
                tokens.append(star)
            } else {
                tokens.append(Int(byte))
            }
        }
        if quoted { tokens.append(Int(UInt8(ascii: "\""))) }
        return tokens
    }
}
