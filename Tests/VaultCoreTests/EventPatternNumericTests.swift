import Testing

/// `numeric`, `exists` and `cidr`.
@Suite struct EventPatternNumericTests {
    static let range = #"{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}"#
    static let equal = #"{"detail": {"x-limit": [{"numeric": ["=", 3.018e2]}]}}"#
    static let below = #"{"detail": {"d-count": [{"numeric": ["<", 10]}]}}"#
    static let atLeast = #"{"n": [{"numeric": [">=", -1.5]}]}"#
    static let closed = #"{"n": [{"numeric": [">=", 1, "<", 2]}]}"#
    static let exists = #"{"detail": {"c-count": [{"exists": true}]}}"#
    static let absent = #"{"detail": {"c-count": [{"exists": false}]}}"#
    static let ipv4 = #"{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}"#
    static let ipv6 = #"{"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/64"}]}}"#

    static let numericCases: [EventPatternCase] = [
        .init(range, #"{"detail": {"c-count": 5}}"#, true),
        .init(range, #"{"detail": {"c-count": 5.0}}"#, true),
        .init(range, #"{"detail": {"c-count": 0.5}}"#, true),
        .init(range, #"{"detail": {"c-count": 0}}"#, false),
        .init(range, #"{"detail": {"c-count": 5.000001}}"#, false),
        .init(range, #"{"detail": {"c-count": "5"}}"#, false),
        .init(range, #"{"detail": {"c-count": [9, 3]}}"#, true),
        .init(range, #"{"detail": {}}"#, false),
        .init(equal, #"{"detail": {"x-limit": 301.8}}"#, true),
        .init(equal, #"{"detail": {"x-limit": 301.9}}"#, false),
        .init(below, #"{"detail": {"d-count": 9.99}}"#, true),
        .init(below, #"{"detail": {"d-count": 10}}"#, false),
        .init(atLeast, #"{"n": -1.5}"#, true),
        .init(atLeast, #"{"n": -1.6}"#, false),
        .init(closed, #"{"n": 1}"#, true),
        .init(closed, #"{"n": 2}"#, false),
        .init(#"{"n": [{"numeric": [">", 1]}]}"#, #"{"n": 1}"#, false),
        .init(#"{"n": [{"numeric": ["<=", 1]}]}"#, #"{"n": 1}"#, true),
    ]

    static let existsCases: [EventPatternCase] = [
        .init(exists, #"{"detail": {"c-count": 5}}"#, true),
        .init(exists, #"{"detail": {"c-count": null}}"#, true),
        .init(exists, #"{"detail": {"c-count": ""}}"#, true),
        .init(exists, #"{"detail": {"c-count": [1]}}"#, true),
        .init(exists, #"{"detail": {"other": 5}}"#, false),
        .init(exists, #"{"source": "x"}"#, false),
        // Existence looks at leaves only: an object or an empty array holds no value.
        .init(exists, #"{"detail": {"c-count": {"a": 1}}}"#, false),
        .init(exists, #"{"detail": {"c-count": []}}"#, false),
        .init(absent, #"{"detail": {"other": 5}}"#, true),
        .init(absent, #"{"source": "x"}"#, true),
        .init(absent, #"{"detail": {"c-count": 5}}"#, false),
        .init(absent, #"{"detail": {"c-count": null}}"#, false),
        .init(absent, #"{"detail": {"c-count": {"a": 1}}}"#, true),
        .init(#"{"a": [{"exists": false}], "b": ["x"]}"#, #"{"b": "x"}"#, true),
        .init(#"{"a": [{"exists": false}], "b": ["x"]}"#, #"{"a": 1, "b": "x"}"#, false),
    ]

    static let cidrCases: [EventPatternCase] = [
        .init(ipv4, #"{"detail": {"sourceIPAddress": "10.0.0.255"}}"#, true),
        .init(ipv4, #"{"detail": {"sourceIPAddress": "10.0.0.0"}}"#, true),
        .init(ipv4, #"{"detail": {"sourceIPAddress": "10.0.1.0"}}"#, false),
        .init(ipv4, #"{"detail": {"sourceIPAddress": "11.0.0.1"}}"#, false),
        .init(ipv4, #"{"detail": {"sourceIPAddress": "not-an-ip"}}"#, false),
        .init(ipv4, #"{"detail": {"sourceIPAddress": "10.0.0.256"}}"#, false),
        .init(ipv4, #"{"detail": {"sourceIPAddress": "::ffff:10.0.0.1"}}"#, false),
        .init(#"{"ip": [{"cidr": "203.0.113.0/25"}]}"#, #"{"ip": "203.0.113.127"}"#, true),
        .init(#"{"ip": [{"cidr": "203.0.113.0/25"}]}"#, #"{"ip": "203.0.113.128"}"#, false),
        .init(#"{"ip": [{"cidr": "0.0.0.0/0"}]}"#, #"{"ip": "198.51.100.7"}"#, true),
        .init(#"{"ip": [{"cidr": "198.51.100.7/32"}]}"#, #"{"ip": "198.51.100.8"}"#, false),
        .init(ipv6, #"{"detail": {"sourceIPAddress": "2001:db8::1"}}"#, true),
        .init(ipv6, #"{"detail": {"sourceIPAddress": "2001:0DB8:0000:0000:ffff:ffff:ffff:ffff"}}"#, true),
        .init(ipv6, #"{"detail": {"sourceIPAddress": "2001:db8:0:1::1"}}"#, false),
        .init(ipv6, #"{"detail": {"sourceIPAddress": "10.0.0.1"}}"#, false),
        .init(#"{"ip": [{"cidr": "::ffff:10.0.0.0/120"}]}"#, #"{"ip": "::ffff:10.0.0.9"}"#, true),
        .init(#"{"ip": [{"cidr": "2001:db8::/33"}]}"#, #"{"ip": "2001:db8:8000::"}"#, false),
        .init(#"{"ip": [{"cidr": "2001:db8::/33"}]}"#, #"{"ip": "2001:db8:7fff::"}"#, true),
    ]

    @Test(arguments: numericCases) func numeric(_ row: EventPatternCase) throws { try row.check() }
    @Test(arguments: existsCases) func exists(_ row: EventPatternCase) throws { try row.check() }
    @Test(arguments: cidrCases) func cidr(_ row: EventPatternCase) throws { try row.check() }
}
