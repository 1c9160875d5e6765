import AWSClient
import Foundation
import VaultCore

/// The AWS JSON 1.1 services served on the same port, told apart by `X-Amz-Target`
/// (`Prefix.Operation`): CloudTrail's LookupEvents, Organizations, KMS and EventBridge. Each request
/// is signed for its own service (Organizations, a global service, in us-east-1) and answered with
/// AWS's JSON 1.1 error shape (`__type`, `message`). Their calls are not recorded in CloudTrail,
/// which here holds AWS Backup's management events only.
extension Emulator {
    func jsonService(_ request: HTTPRequest, target: String) throws(ServiceError) -> HTTPResponse {
        guard let dot = target.lastIndex(of: ".") else {
            throw ServiceError("UnknownOperationException", "\(target) is not a Prefix.Operation target.")
        }
        let prefix = String(target[..<dot])
        let operation = String(target[target.index(after: dot)...])
        switch prefix {
        case LookupEvents.targetPrefix:
            _ = try authenticate(request, service: "cloudtrail")
            return try cloudTrail(request, operation: operation)
        case OrganizationsService.targetPrefix:
            let call = try jsonCall(request, operation, service: "organizations", region: "us-east-1", invalid: "InvalidInputException")
            let service = OrganizationsService(organization: organization, enforcement: enforcement)
            return JSONCall.response(try service.handle(call))
        case KMSService.targetPrefix:
            let call = try jsonCall(request, operation, service: "kms", invalid: "ValidationException")
            let keys = KMSKeys(
                given: keys, vaults: backend.vaultNames.compactMap(backend.vault(named:)), accountId: backend.accountId,
                region: backend.region)
            return JSONCall.response(try KMSService(keys: keys, enforcement: enforcement).handle(call))
        case EventBridgeService.targetPrefix:
            let call = try jsonCall(request, operation, service: "events", invalid: "ValidationException")
            return JSONCall.response(try eventBridge(call))
        default:
            throw ServiceError("UnknownOperationException", "This endpoint does not offer \(target).")
        }
    }

    private func jsonCall(
        _ request: HTTPRequest, _ operation: String, service: String, region: String? = nil, invalid: String
    ) throws(ServiceError) -> JSONCall {
        let (principal, _) = try authenticate(request, service: service, region: region)
        return try JSONCall(
            operation: operation, body: request.body, principal: principal.principal, now: clock.now, invalidInput: invalid)
    }

    /// EventBridge's reads and writes on the rules, one at a time; a write is saved.
    private func eventBridge(_ call: JSONCall) throws(ServiceError) -> Data {
        let service = EventBridgeService(accountId: backend.accountId, region: backend.region, enforcement: enforcement)
        policyLock.lock()
        var rules = rulesState
        let before = rules
        let result = Result { () throws(ServiceError) in try service.handle(call, rules: &rules) }
        rulesState = rules
        policyLock.unlock()
        if rules != before { save() }
        return try result.get()
    }

    private func cloudTrail(_ request: HTTPRequest, operation: String) throws(ServiceError) -> HTTPResponse {
        guard operation == "LookupEvents" else {
            throw ServiceError("UnknownOperationException", "This endpoint serves CloudTrail's LookupEvents only.")
        }
        guard lookupLimit.admit(at: Date()) else { throw ServiceError("ThrottlingException", "Rate exceeded") }
        return JSONCall.response(try LookupEvents(log: trail).handle(request.body))
    }
}
