import AWSClient
import Foundation
import VaultCore

/// The organization the emulated account sits in (its SCPs, level by level), the EventBridge rules
/// of its bus, and saving them with the account to the store.
extension Emulator {
    public var organization: EmulatorOrganization { policyLock.withLock { organizationState } }

    public var eventRules: EventRules { policyLock.withLock { rulesState } }

    /// The evaluator over the organization's SCPs as they stand.
    var enforcement: PolicyEnforcement { policyLock.withLock { enforcementState } }

    /// The SCPs that are not AWS's, by name, wherever they are attached.
    public var serviceControlPolicies: [String: String] { organization.customPolicies }

    /// Puts (or with nil deletes) an SCP attached to the emulated account, after checking it is one.
    public func setServiceControlPolicy(_ name: String, document: String?) throws(EmulatorOrganizationError) {
        if let document {
            try attachServiceControlPolicy(name, document: document, to: "account")
        } else {
            try detachServiceControlPolicy(name, from: nil)
        }
    }

    /// Creates or changes the SCP `name` (nil: an existing one) and attaches it to `target`: `root`,
    /// `ou`, `account` or an id of the organization.
    public func attachServiceControlPolicy(_ name: String, document: String?, to target: String) throws(EmulatorOrganizationError) {
        try changeOrganization { organization throws(EmulatorOrganizationError) in
            guard let id = organization.target(named: target, for: backend.accountId) else {
                throw EmulatorOrganizationError("no target \(target) in \(organization.id): root, ou, account or an id")
            }
            try organization.put(name, document: document, at: id)
        }
    }

    /// Detaches the SCP `name` from `target`; with no target, from everywhere, and deletes it.
    public func detachServiceControlPolicy(_ name: String, from target: String?) throws(EmulatorOrganizationError) {
        try changeOrganization { organization throws(EmulatorOrganizationError) in
            var id: String?
            if let target {
                guard let found = organization.target(named: target, for: backend.accountId) else {
                    throw EmulatorOrganizationError("no target \(target) in \(organization.id): root, ou, account or an id")
                }
                id = found
            }
            try organization.remove(name, from: id)
        }
    }

    /// Replaces the EventBridge rules of the bus (a driver's provisioning).
    public func setEventRules(_ rules: EventRules) {
        policyLock.withLock { rulesState = rules }
        save()
    }

    private func changeOrganization(
        _ change: (inout EmulatorOrganization) throws(EmulatorOrganizationError) -> Void
    ) throws(EmulatorOrganizationError) {
        policyLock.lock()
        var organization = organizationState
        do {
            try change(&organization)
        } catch {
            policyLock.unlock()
            throw error
        }
        organizationState = organization
        enforcementState = PolicyEnforcement(organization: organization)
        backend.authorizer = enforcementState
        policyLock.unlock()
        save()
    }

    /// Writes the account, organization, rules and clock to the store, when there is one.
    public func save() {
        guard let store else { return }
        saveLock.lock()
        defer { saveLock.unlock() }
        let (organization, rules) = policyLock.withLock { (organizationState, rulesState) }
        let state = EmulatorStore.State(
            account: backend.snapshot(), organization: organization, eventRules: rules, clockOffset: clock.offset)
        do {
            try store.save(state)
        } catch {
            let line = OutsideText.inert("vaultwatch emulate: cannot save \(store.stateFile.path): \(error)")
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
