import Testing

/// Patterns EventBridge refuses, each with the offending field's path.
@Suite struct EventPatternValidationTests {
    static let structureRows: [EventPatternRejection] = [
        .init(#"{"detail": {"userIdentity": {"arn": [{"prefixx": "arn:aws:iam::"}]}}}"#,
              #"detail.userIdentity.arn: unknown operator "prefixx""#),
        .init(#"{"source": "aws.backup"}"#, #"source: match values must be in an array or an object, got "aws.backup""#),
        .init(#"{"detail": {"count": 5}}"#, "detail.count: match values must be in an array or an object, got 5"),
        .init(#"{"detail": {"flag": null}}"#, "detail.flag: match values must be in an array or an object, got null"),
        .init(#"{"source": []}"#, "source: empty arrays are not allowed"),
        .init(#"{"detail": {}}"#, "detail: empty objects are not allowed"),
        .init("{}", "empty objects are not allowed"),
        .init("[]", "pattern must be a JSON object, got []"),
        .init(#""aws.backup""#, #"pattern must be a JSON object, got "aws.backup""#),
        .init("{not json", "pattern is not valid JSON at line 1, column 2"),
        .init(#"{"a": [["x"]]}"#, #"a: nested arrays are not allowed, got ["x"]"#),
        .init(#"{"a": [{}]}"#, "a: an operator object must have exactly one key, got {}"),
        .init(#"{"a": [{"prefix": "x", "suffix": "y"}]}"#,
              #"a: an operator object must have exactly one key, got {"prefix":"x","suffix":"y"}"#),
        .init(#"{"$or": {"a": ["x"]}}"#, #"$or: $or must be an array of pattern objects, got {"a":["x"]}"#),
        .init(#"{"$or": [{"a": ["x"]}]}"#, "$or: $or needs at least two pattern objects"),
        .init(#"{"detail": {"$or": [{"a": ["x"]}, "b"]}}"#, #"detail.$or[1]: $or entries must be pattern objects, got "b""#),
        .init(#"{"$or": [{"a": ["x"]}, {"b": [{"sufix": "y"}]}]}"#, #"$or[1].b: unknown operator "sufix""#),
    ]

    static let stringOperatorsRows: [EventPatternRejection] = [
        .init(#"{"a": [{"prefix": 5}]}"#, #"a: prefix takes a string or {"equals-ignore-case": string}, got 5"#),
        .init(#"{"a": [{"prefix": {"equals-ignore-case": 5}}]}"#,
              #"a: prefix takes a string or {"equals-ignore-case": string}, got {"equals-ignore-case":5}"#),
        .init(#"{"a": [{"prefix": {"wildcard": "x*"}}]}"#,
              #"a: prefix takes a string or {"equals-ignore-case": string}, got {"wildcard":"x*"}"#),
        .init(#"{"a": [{"suffix": ["x"]}]}"#, #"a: suffix takes a string or {"equals-ignore-case": string}, got ["x"]"#),
        .init(#"{"a": [{"equals-ignore-case": true}]}"#, "a: equals-ignore-case takes a string, got true"),
        .init(#"{"a": [{"wildcard": 1}]}"#, "a: wildcard takes a string, got 1"),
        .init(#"{"a": [{"wildcard": "a**b"}]}"#, #"a: consecutive wildcard characters in "a**b""#),
        .init(#"{"a": [{"wildcard": "a\\b"}]}"#, #"a: invalid escape "\b" in wildcard "a\b""#),
        .init(#"{"a": [{"wildcard": "a\\"}]}"#, #"a: wildcard "a\" ends with an unfinished escape"#),
    ]

    static let anythingButRows: [EventPatternRejection] = [
        .init(#"{"a": [{"anything-but": []}]}"#, "a: anything-but list must not be empty"),
        .init(#"{"a": [{"anything-but": ["x", 1]}]}"#,
              #"a: anything-but list must hold only strings or only numbers, got ["x",1]"#),
        .init(#"{"a": [{"anything-but": null}]}"#,
              "a: anything-but takes a string, a number, a list of strings or of numbers, "
                  + "or one of prefix, suffix, equals-ignore-case, wildcard; got null"),
        .init(#"{"a": [{"anything-but": {"prefix": 1}}]}"#, "a: anything-but prefix takes a string or a list of strings, got 1"),
        .init(#"{"a": [{"anything-but": {"suffix": []}}]}"#, "a: anything-but suffix takes a string or a list of strings, got []"),
        .init(#"{"a": [{"anything-but": {"numeric": [">", 1]}}]}"#, #"a: unsupported operator "numeric" inside anything-but"#),
        .init(#"{"a": [{"anything-but": {"wildcard": "**"}}]}"#, #"a: consecutive wildcard characters in "**""#),
    ]

    static let numericExistsCIDRRows: [EventPatternRejection] = [
        .init(#"{"a": [{"numeric": ["!=", 1]}]}"#, #"a: unknown numeric operator "!=""#),
        .init(#"{"a": [{"numeric": [">", "5"]}]}"#, #"a: numeric ">" needs a number, got "5""#),
        .init(#"{"a": [{"numeric": [5, ">"]}]}"#, "a: numeric operator must be a string, got 5"),
        .init(#"{"a": [{"numeric": []}]}"#, "a: numeric needs an operator and a number"),
        .init(#"{"a": [{"numeric": [">"]}]}"#, "a: numeric must alternate operators and numbers"),
        .init(#"{"a": [{"numeric": ["=", 1, ">", 0]}]}"#, #"a: numeric "=" cannot be combined with other operators"#),
        .init(#"{"a": [{"numeric": ["<", 5, ">", 0]}]}"#, #"a: numeric lower bound ">" must come first and only once"#),
        .init(#"{"a": [{"numeric": [">", 0, ">", 1]}]}"#, #"a: numeric lower bound ">" must come first and only once"#),
        .init(#"{"a": [{"numeric": [">", 5, "<", 1]}]}"#, "a: numeric lower bound must be less than the upper bound"),
        .init(#"{"a": [{"numeric": [">", 6e9]}]}"#, "a: numeric value 6000000000 is outside -5.0e9...5.0e9"),
        .init(#"{"a": [{"numeric": ">"}]}"#, #"a: numeric takes an array, got ">""#),
        .init(#"{"a": [{"exists": "true"}]}"#, #"a: exists takes true or false, got "true""#),
        .init(#"{"a": [{"exists": 1}]}"#, "a: exists takes true or false, got 1"),
        .init(#"{"a": [{"cidr": "10.0.0.0"}]}"#, #"a: malformed CIDR "10.0.0.0""#),
        .init(#"{"a": [{"cidr": "10.0.0.0/33"}]}"#, #"a: malformed CIDR "10.0.0.0/33""#),
        .init(#"{"a": [{"cidr": "300.0.0.0/8"}]}"#, #"a: malformed CIDR "300.0.0.0/8""#),
        .init(#"{"a": [{"cidr": "2001:db8::/129"}]}"#, #"a: malformed CIDR "2001:db8::/129""#),
        .init(#"{"a": [{"cidr": "2001:db8:::1/64"}]}"#, #"a: malformed CIDR "2001:db8:::1/64""#),
        .init(#"{"a": [{"cidr": 10}]}"#, "a: cidr takes a string, got 10"),
    ]

    @Test(arguments: structureRows) func structure(_ row: EventPatternRejection) { row.check() }
    @Test(arguments: stringOperatorsRows) func stringOperators(_ row: EventPatternRejection) { row.check() }
    @Test(arguments: anythingButRows) func anythingBut(_ row: EventPatternRejection) { row.check() }
    @Test(arguments: numericExistsCIDRRows) func numericExistsCIDR(_ row: EventPatternRejection) { row.check() }
}
