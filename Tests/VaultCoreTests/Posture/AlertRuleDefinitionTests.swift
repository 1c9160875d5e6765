import Foundation
import Testing
import VaultCore

/// Alert rules as an operator has them: a bare pattern, or `aws events describe-rule` output.
@Suite struct AlertRuleDefinitionTests {
    @Test func aBarePatternIsNamedByItsFile() throws {
        let rule = try AlertRule.definition(Data(#"{"source":["aws.backup"]}"#.utf8), fallbackName: "mine")
        #expect(rule.name == "mine")
        #expect(rule.isEnabled)
        #expect(rule.targets == nil)
    }

    @Test func describeRuleOutputKeepsNameStateAndTargets() throws {
        let text = #"""
            {"Name":"central","Arn":"arn:aws:events:us-east-1:111122223333:rule/central","State":"DISABLED",
             "EventPattern":"{\"source\":[\"aws.backup\"]}",
             "Targets":[{"Id":"1","Arn":"arn:aws:sns:us-east-1:111122223333:alerts"}]}
            """#
        let rule = try AlertRule.definition(Data(text.utf8), fallbackName: "x")
        #expect(rule.name == "central")
        #expect(!rule.isEnabled)
        #expect(rule.targets == ["arn:aws:sns:us-east-1:111122223333:alerts"])
        let call = Fixture.call("e1", by: Fixture.alice)
        #expect(rule.evaluate(call) == nil, "a disabled rule raises nothing")
    }

    @Test(arguments: [
        (#"[1]"#, "a rule must be a JSON object, got [1]"),
        (#"{"EventPattern":{"source":["x"]}}"#, "EventPattern: must be the pattern as a JSON string"),
        (#"{"EventPattern":"{\"source\":\"x\"}"}"#, "EventPattern.source: match values must be in an array or an object, got \"x\""),
        (#"{"EventPattern":"{\"source\":[\"a\"]}","State":"ON"}"#, "State: must be ENABLED or DISABLED, got \"ON\""),
        (#"{"EventPattern":"{\"source\":[\"a\"]}","Targets":[{"Id":"1"}]}"#, "Targets[0]: has no Arn"),
        ("not json", "not valid JSON at line 1, column 2"),
    ])
    func invalidDefinitionsNameTheField(text: String, message: String) {
        #expect(throws: (any Error).self) { try AlertRule.definition(Data(text.utf8), fallbackName: "x") }
        do {
            _ = try AlertRule.definition(Data(text.utf8), fallbackName: "x")
        } catch {
            #expect("\(error)" == message)
        }
    }
}
