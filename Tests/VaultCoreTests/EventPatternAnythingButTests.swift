import Testing

/// `anything-but` in all its documented forms.
@Suite struct EventPatternAnythingButTests {
    static let string = #"{"detail": {"state": [{"anything-but": "initializing"}]}}"#
    static let number = #"{"detail": {"x-limit": [{"anything-but": 123}]}}"#
    static let strings = #"{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}"#
    static let numbers = #"{"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}}"#
    static let prefix = #"{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}"#
    static let suffix = #"{"detail": {"FileName": [{"anything-but": {"suffix": ".txt"}}]}}"#
    static let ignoringCase = #"{"detail": {"state": [{"anything-but": {"equals-ignore-case": ["Stopped", "OverLoaded"]}}]}}"#
    static let wildcard = #"{"detail": {"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}}"#
    static let wildcards = #"{"detail": {"FilePath": [{"anything-but": {"wildcard": ["*/lib/*", "*/bin/*"]}}]}}"#

    static let cases: [EventPatternCase] = [
        .init(string, #"{"detail": {"state": "running"}}"#, true),
        .init(string, #"{"detail": {"state": "initializing"}}"#, false),
        .init(string, #"{"detail": {"state": "Initializing"}}"#, true),
        .init(string, #"{"detail": {}}"#, false),  // needs a value
        .init(string, #"{"detail": {"state": ["initializing", "running"]}}"#, true),
        .init(string, #"{"detail": {"state": ["initializing"]}}"#, false),
        .init(number, #"{"detail": {"x-limit": 456}}"#, true),
        .init(number, #"{"detail": {"x-limit": 123}}"#, false),
        .init(number, #"{"detail": {"x-limit": 1.23e2}}"#, false),
        .init(strings, #"{"detail": {"state": "pending"}}"#, true),
        .init(strings, #"{"detail": {"state": "stopped"}}"#, false),
        .init(strings, #"{"detail": {"state": "overloaded"}}"#, false),
        .init(numbers, #"{"detail": {"x-limit": 400}}"#, true),
        .init(numbers, #"{"detail": {"x-limit": 200}}"#, false),
        .init(prefix, #"{"detail": {"state": "running"}}"#, true),
        .init(prefix, #"{"detail": {"state": "initializing"}}"#, false),
        .init(prefix, #"{"detail": {"state": "init"}}"#, false),
        .init(suffix, #"{"detail": {"FileName": "notes.md"}}"#, true),
        .init(suffix, #"{"detail": {"FileName": "notes.txt"}}"#, false),
        .init(ignoringCase, #"{"detail": {"state": "running"}}"#, true),
        .init(ignoringCase, #"{"detail": {"state": "STOPPED"}}"#, false),
        .init(ignoringCase, #"{"detail": {"state": "overloaded"}}"#, false),
        .init(wildcard, #"{"detail": {"FilePath": "/usr/bin/tool"}}"#, true),
        .init(wildcard, #"{"detail": {"FilePath": "/usr/lib/libc.so"}}"#, false),
        .init(wildcards, #"{"detail": {"FilePath": "/usr/share/doc"}}"#, true),
        .init(wildcards, #"{"detail": {"FilePath": "/usr/bin/tool"}}"#, false),
        // Anything-but the admins, as the seeds' rule uses it.
        .init(
            #"{"arn": [{"anything-but": ["arn:aws:iam::1:role/Admin", "arn:aws:iam::1:role/StackSet"]}]}"#,
            #"{"arn": "arn:aws:iam::1:role/DevOps"}"#, true),
        .init(
            #"{"arn": [{"anything-but": ["arn:aws:iam::1:role/Admin", "arn:aws:iam::1:role/StackSet"]}]}"#,
            #"{"arn": "arn:aws:iam::1:role/StackSet"}"#, false),
    ]

    @Test(arguments: cases) func anythingBut(_ row: EventPatternCase) throws { try row.check() }
}
