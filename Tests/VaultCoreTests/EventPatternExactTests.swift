import Foundation
import Testing
import VaultCore

/// Exact values, null, empty strings, arrays, nesting, AND and `$or`, from the EventBridge user guide.
@Suite struct EventPatternExactTests {
    static let ec2Event = """
        {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
         "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
         "account": "111122223333", "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
         "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
         "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated"}}
        """
    static let ec2Pattern = """
        {"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"],
         "detail": {"state": ["terminated"]}}
        """

    static let cases: [EventPatternCase] = [
        // The guide's EC2 example: every field must match.
        .init(ec2Pattern, ec2Event, true),
        .init(ec2Pattern, ec2Event.replacingOccurrences(of: "terminated", with: "running"), false),
        .init(ec2Pattern, ec2Event.replacingOccurrences(of: "aws.ec2", with: "aws.s3"), false),
        .init(#"{"detail": {"state": ["running", "terminated"]}}"#, ec2Event, true),
        .init(#"{"detail": {"state": ["Terminated"]}}"#, ec2Event, false),  // case-sensitive
        .init(#"{"detail": {"missing": ["terminated"]}}"#, ec2Event, false),
        .init(#"{"detail": {"state": {"name": ["terminated"]}}}"#, ec2Event, false),
        // Arrays: the pattern matches when its array and the event's array intersect.
        .init(
            #"{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f"]}"#,
            #"{"resources": ["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup", "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f"]}"#,
            true),
        .init(
            #"{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}"#,
            #"{"resources": ["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup"]}"#, false),
        .init(#"{"resources": ["a"]}"#, #"{"resources": []}"#, false),
        // Numbers compare as numbers: 100 matches 100.0 and 1e2, not "100".
        .init(#"{"Price": [100]}"#, #"{"Price": 100}"#, true),
        .init(#"{"Price": [100]}"#, #"{"Price": 100.0}"#, true),
        .init(#"{"Price": [1e2]}"#, #"{"Price": 100}"#, true),
        .init(#"{"Price": [100]}"#, #"{"Price": "100"}"#, false),
        .init(#"{"Price": ["100"]}"#, #"{"Price": 100}"#, false),
        .init(#"{"Price": [100]}"#, #"{"Price": 100.5}"#, false),
        // null matches a present null, not a missing field or the string "null".
        .init(#"{"UserID": [null]}"#, #"{"UserID": null}"#, true),
        .init(#"{"UserID": [null]}"#, #"{"Other": 1}"#, false),
        .init(#"{"UserID": [null]}"#, #"{"UserID": "null"}"#, false),
        // The empty string matches only the empty string.
        .init(#"{"LastName": [""]}"#, #"{"LastName": ""}"#, true),
        .init(#"{"LastName": [""]}"#, #"{"LastName": "Doe"}"#, false),
        .init(#"{"LastName": [""]}"#, #"{"FirstName": ""}"#, false),
        .init(#"{"LastName": [""]}"#, #"{"LastName": null}"#, false),
        // Booleans are exact values too.
        .init(#"{"readOnly": [false]}"#, #"{"readOnly": false}"#, true),
        .init(#"{"readOnly": [false]}"#, #"{"readOnly": "false"}"#, false),
        // AND: Location "New York" and Day "Monday".
        .init(#"{"Location": ["New York"], "Day": ["Monday"]}"#, #"{"Location": "New York", "Day": "Monday"}"#, true),
        .init(#"{"Location": ["New York"], "Day": ["Monday"]}"#, #"{"Location": "New York", "Day": "Tuesday"}"#, false),
        // OR within a field: PaymentType "Credit" or "Debit".
        .init(#"{"PaymentType": ["Credit", "Debit"]}"#, #"{"PaymentType": "Debit"}"#, true),
        .init(#"{"PaymentType": ["Credit", "Debit"]}"#, #"{"PaymentType": "Cash"}"#, false),
        // $or across fields: Location "New York" or Day "Monday".
        .init(#"{"$or": [{"Location": ["New York"]}, {"Day": ["Monday"]}]}"#, #"{"Location": "Boston", "Day": "Monday"}"#, true),
        .init(#"{"$or": [{"Location": ["New York"]}, {"Day": ["Monday"]}]}"#, #"{"Location": "New York", "Day": "Friday"}"#, true),
        .init(#"{"$or": [{"Location": ["New York"]}, {"Day": ["Monday"]}]}"#, #"{"Location": "Boston", "Day": "Friday"}"#, false),
        // $or nested in detail, ANDed with the fields beside it (the guide's c-count / d-count / x-limit example).
        .init(
            #"{"source": ["aws.ec2"], "detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]}, {"d-count": [{"numeric": ["<", 10]}]}, {"x-limit": [{"numeric": ["=", 3.018e2]}]}]}}"#,
            #"{"source": "aws.ec2", "detail": {"c-count": 9, "d-count": 20, "x-limit": 301.8}}"#, true),
        .init(
            #"{"source": ["aws.ec2"], "detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]}, {"d-count": [{"numeric": ["<", 10]}]}, {"x-limit": [{"numeric": ["=", 3.018e2]}]}]}}"#,
            #"{"source": "aws.ec2", "detail": {"c-count": 9, "d-count": 20, "x-limit": 300}}"#, false),
        .init(
            #"{"source": ["aws.ec2"], "detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]}, {"d-count": [{"numeric": ["<", 10]}]}]}}"#,
            #"{"source": "aws.s3", "detail": {"c-count": 1}}"#, false),
        // Nested objects inside event arrays: fields must match within one element.
        .init(#"{"a": {"b": [1], "c": [2]}}"#, #"{"a": [{"b": 1, "c": 3}, {"b": 4, "c": 2}]}"#, false),
        .init(#"{"a": {"b": [1], "c": [2]}}"#, #"{"a": [{"b": 4, "c": 3}, {"b": 1, "c": 2}]}"#, true),
        // Nested arrays in the event are flattened.
        .init(#"{"tags": ["x"]}"#, #"{"tags": [["y"], ["x"]]}"#, true),
        .init(#"{"tags": ["x"]}"#, #"{"tags": [["y"], ["z"]]}"#, false),
    ]

    @Test(arguments: cases) func exactMatching(_ row: EventPatternCase) throws { try row.check() }
}
