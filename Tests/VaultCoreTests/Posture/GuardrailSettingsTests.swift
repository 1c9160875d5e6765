import Foundation
import Testing
import VaultCore

@Suite struct GuardrailSettingsTests {
    let defaults = GuardrailSettings.seed(account: Fixture.account)

    @Test func absentKeysKeepTheDefaults() throws {
        let s = try GuardrailSettings.decode(Data(#"{"minRetentionDays": 7, "organizationId": "o-1"}"#.utf8), over: defaults)
        #expect(s.minRetentionDays == 7)
        #expect(s.organizationId == "o-1")
        #expect(s.adminArns == defaults.adminArns)
        #expect(s.recoveryPointMaxAgeHours == 24)
    }

    @Test func anUnknownKeyIsRefusedByName() {
        #expect(throws: GuardrailSettingsError.self) {
            try GuardrailSettings.decode(Data(#"{"minRetentionDay": 7}"#.utf8), over: defaults)
        }
        do {
            _ = try GuardrailSettings.decode(Data(#"{"minRetentionDay": 7}"#.utf8), over: defaults)
        } catch {
            #expect("\(error)".hasPrefix("\"minRetentionDay\" is not a setting"))
        }
    }

    @Test func aWrongKindOfValueNamesTheKey() {
        do {
            _ = try GuardrailSettings.decode(Data(#"{"adminArns": "arn:aws:iam::1:role/A"}"#.utf8), over: defaults)
            Issue.record("a string where a list is expected must be refused")
        } catch {
            #expect("\(error)" == "\"adminArns\" has the wrong kind of value")
        }
    }
}
