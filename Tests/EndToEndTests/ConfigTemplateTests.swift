import Testing

@testable import AWSClient
@testable import vaultwatch

/// `config init` writes what STS and Organizations answered into a configuration file: only as
/// what it should be, so an answer cannot add a line of configuration.
@Suite struct ConfigTemplateTests {
    @Test("an organization id is taken only as Organizations writes one")
    func organizationIds() {
        #expect(ConfigTemplate.isOrganizationId("o-a1b2c3d4e5"))
        #expect(ConfigTemplate.isOrganizationId("o-" + String(repeating: "z", count: 32)))
        for bad in ["o-a1b2c3d4", "o-A1B2C3D4E5", "o-a1b2c3d4e5\"\nrequired_lock_mode = \"governance", "x-a1b2c3d4e5", "o-", ""] {
            #expect(!ConfigTemplate.isOrganizationId(bad), "\(bad)")
        }
    }

    @Test("a line break or escape in the caller's ARN or account stays inside its comment")
    func identityInComments() {
        let identity = CallerIdentity(
            account: "111122223333\nmin_retention_days = 1", arn: "arn:aws:iam::111122223333:user/x\n[guardrails]\u{1B}]0;t\u{07}",
            userId: "AIDA")
        let text = ConfigTemplate.text(profile: "p", region: "eu-west-1", identity: identity, organizationLine: "# org")
        #expect(!text.contains("\nmin_retention_days = 1"))
        #expect(!text.contains("\n[guardrails]\u{1B}"))
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(text.components(separatedBy: "\n[guardrails]").count == 2)
    }
}
