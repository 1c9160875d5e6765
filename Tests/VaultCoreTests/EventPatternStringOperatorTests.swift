import Testing

/// `prefix`, `suffix`, `equals-ignore-case` and `wildcard`, with the user guide's examples.
@Suite struct EventPatternStringOperatorTests {
    static let prefix = #"{"time": [{"prefix": "2017-10-02"}]}"#
    static let prefixIgnoringCase = #"{"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}}"#
    static let suffix = #"{"FileName": [{"suffix": ".png"}]}"#
    static let suffixIgnoringCase = #"{"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}}"#
    static let ignoringCase = #"{"detail-type": [{"equals-ignore-case": "ec2 instance state-change notification"}]}"#
    static let busArn = #"{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}"#
    static let pngInDir = #"{"detail": {"FileName": [{"wildcard": "dir/*.png"}]}}"#

    static let cases: [EventPatternCase] = [
        .init(prefix, #"{"time": "2017-10-02T18:43:48Z"}"#, true),
        .init(prefix, #"{"time": "2017-10-03T18:43:48Z"}"#, false),
        .init(prefix, #"{"time": "2017-10-0"}"#, false),
        .init(prefix, #"{"time": ["x", "2017-10-02"]}"#, true),
        .init(prefix, #"{"time": 20171002}"#, false),
        .init(prefix, #"{"other": "2017-10-02"}"#, false),
        .init(prefixIgnoringCase, #"{"detail": {"service": "EventBridge"}}"#, true),
        .init(prefixIgnoringCase, #"{"detail": {"service": "EVENTBRIDGE"}}"#, true),
        .init(prefixIgnoringCase, #"{"detail": {"service": "eventb"}}"#, true),
        .init(prefixIgnoringCase, #"{"detail": {"service": "SQS"}}"#, false),
        .init(#"{"service": [{"prefix": "EventB"}]}"#, #"{"service": "eventbridge"}"#, false),
        .init(suffix, #"{"FileName": "image.png"}"#, true),
        .init(suffix, #"{"FileName": "image.PNG"}"#, false),
        .init(suffix, #"{"FileName": "image.png.jpg"}"#, false),
        .init(suffixIgnoringCase, #"{"detail": {"FileName": "image.PNG"}}"#, true),
        .init(suffixIgnoringCase, #"{"detail": {"FileName": "image.Png"}}"#, true),
        .init(suffixIgnoringCase, #"{"detail": {"FileName": "image.gif"}}"#, false),
        .init(ignoringCase, #"{"detail-type": "EC2 Instance State-change Notification"}"#, true),
        .init(ignoringCase, #"{"detail-type": "ec2 instance state-change notification"}"#, true),
        .init(ignoringCase, #"{"detail-type": "EC2 Instance Launch Successful"}"#, false),
        .init(#"{"Name": [{"equals-ignore-case": "alice"}]}"#, #"{"Name": "ALICE"}"#, true),
        .init(#"{"Name": [{"equals-ignore-case": "alice"}]}"#, #"{"Name": "alicia"}"#, false),
        .init(busArn, #"{"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/myBus"}"#, true),
        .init(busArn, #"{"EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/myBus"}"#, false),
        .init(busArn, #"{"EventBusArn": "arn:aws:events:us-east-1:123456789012:rule/myBus"}"#, false),
        .init(pngInDir, #"{"detail": {"FileName": "dir/image.png"}}"#, true),
        .init(pngInDir, #"{"detail": {"FileName": "dir/sub/image.png"}}"#, true),
        .init(pngInDir, #"{"detail": {"FileName": "dir/.png"}}"#, true),
        .init(pngInDir, #"{"detail": {"FileName": "dir/image.jpg"}}"#, false),
        .init(pngInDir, #"{"detail": {"FileName": "other/image.png"}}"#, false),
        .init(#"{"Title": [{"wildcard": "*Title*"}]}"#, #"{"Title": "The Title Is"}"#, true),
        .init(#"{"Title": [{"wildcard": "*Title*"}]}"#, #"{"Title": "The title is"}"#, false),
        .init(#"{"s": [{"wildcard": "a*b*a"}]}"#, #"{"s": "aba"}"#, true),
        .init(#"{"s": [{"wildcard": "a*b*a"}]}"#, #"{"s": "ab"}"#, false),
        .init(#"{"s": [{"wildcard": "*"}]}"#, #"{"s": ""}"#, true),
        .init(#"{"s": [{"wildcard": "*"}]}"#, #"{"s": 5}"#, false),
        .init(#"{"s": [{"wildcard": "plain"}]}"#, #"{"s": "plain"}"#, true),
        .init(#"{"s": [{"wildcard": "plain"}]}"#, #"{"s": "plainer"}"#, false),
        // `\*` is a literal star, `\\` a literal backslash.
        .init(#"{"s": [{"wildcard": "a\\*b"}]}"#, #"{"s": "a*b"}"#, true),
        .init(#"{"s": [{"wildcard": "a\\*b"}]}"#, #"{"s": "axb"}"#, false),
        .init(#"{"s": [{"wildcard": "a\\\\*"}]}"#, #"{"s": "a\\bc"}"#, true),
        .init(#"{"s": [{"wildcard": "a\\\\*"}]}"#, #"{"s": "abc"}"#, false),
    ]

    @Test(arguments: cases) func stringOperators(_ row: EventPatternCase) throws { try row.check() }
}
