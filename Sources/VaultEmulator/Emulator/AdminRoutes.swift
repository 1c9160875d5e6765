import AWSClient
import Foundation
import VaultCore

/// The emulator's own routes, under `/_vaultwatch/` (like moto's `/moto-api/`), unsigned and
/// reachable only where the emulator listens (127.0.0.1 unless told otherwise):
///
/// - `GET /_vaultwatch/clock` → `{"Now": <epoch seconds>, "Speed": n}`
/// - `POST /_vaultwatch/clock` with `{"AdvanceSeconds": n}` or `{"Now": <epoch seconds>}` moves the
///   emulator's clock forward (never back), so a rehearsal crosses a lock date at once.
/// - `GET /_vaultwatch/scps` → `{"Policies": [{"Name", "Id", "Document", "Targets"}]}`, every SCP of
///   the organization and where it is attached (`FullAWSAccess` included)
/// - `PUT /_vaultwatch/scps/NAME[?target=T]` with the policy document as the body creates the SCP
///   (or changes its document) and attaches it to the account, or to `T`: `root`, `ou` (the
///   account's OU), `account`, or an id; with an empty body it attaches an existing SCP
///   (`FullAWSAccess` back, say). `DELETE /_vaultwatch/scps/NAME?target=T` detaches it from `T`
///   (detaching `FullAWSAccess` makes that level an allow-list); without a target it detaches it
///   everywhere and deletes it.
struct AdminRoutes {
    static let prefix = "/_vaultwatch/"
    let emulator: Emulator

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let rest = request.path.dropFirst(Self.prefix.count)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        do throws(ServiceError) {
            switch (request.method, parts.first ?? "", parts.count) {
            case ("GET", "clock", 1): return clock()
            case ("POST", "clock", 1): return try moveClock(request.body)
            case ("GET", "scps", 1): return scps()
            case ("PUT", "scps", 2), ("DELETE", "scps", 2):
                guard let name = RawPath.decode(parts[1]), !name.isEmpty else {
                    throw ServiceError.invalidParameter("An SCP needs a name: /_vaultwatch/scps/NAME.")
                }
                let target = QueryParameters(request.query)["target"]
                do {
                    if request.method == "PUT" {
                        let text = String(decoding: request.body, as: UTF8.self)
                        try emulator.attachServiceControlPolicy(
                            name, document: text.isEmpty ? nil : text, to: target ?? "account")
                    } else {
                        try emulator.detachServiceControlPolicy(name, from: target)
                    }
                } catch {
                    throw ServiceError("MalformedPolicyDocumentException", "\(error)")
                }
                return scps()
            default:
                throw ServiceError("UnknownOperationException", "No emulator route is \(request.method) \(request.path).", status: 404)
            }
        } catch {
            return error.response()
        }
    }

    private func clock() -> HTTPResponse {
        var out = JSONWriter()
        out.add("Now", date: emulator.clock.now)
        out.add("Speed", String(emulator.clock.speed))
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: out.data)
    }

    private func moveClock(_ body: Data) throws(ServiceError) -> HTTPResponse {
        guard let input = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw .invalidParameter("Send {\"AdvanceSeconds\": n} or {\"Now\": epoch-seconds}.")
        }
        let latest = UTC.iso(EmulatorClock.latest)
        if let seconds = (input["AdvanceSeconds"] as? NSNumber)?.doubleValue {
            guard seconds >= 0 else { throw .invalidParameter("The clock only moves forward (AdvanceSeconds \(seconds)).") }
            guard seconds.isFinite, emulator.clock.canMove(to: emulator.clock.now.addingTimeInterval(seconds)) else {
                throw .invalidParameter("AdvanceSeconds \(seconds) would move the clock past \(latest).")
            }
            emulator.clock.advance(by: seconds)
        } else if let epoch = (input["Now"] as? NSNumber)?.doubleValue {
            guard epoch.isFinite, Date(timeIntervalSince1970: epoch) <= EmulatorClock.latest else {
                throw .invalidParameter("Now \(epoch) is past \(latest), the latest time the emulator keeps.")
            }
            let target = Date(timeIntervalSince1970: epoch)
            guard target >= emulator.clock.now else {
                throw .invalidParameter("The clock only moves forward (Now \(epoch) is in the emulator's past).")
            }
            emulator.clock.set(to: target)
        } else {
            throw .invalidParameter("Send {\"AdvanceSeconds\": n} or {\"Now\": epoch-seconds}.")
        }
        emulator.save()
        return clock()
    }

    private func scps() -> HTTPResponse {
        let organization = emulator.organization
        var out = JSONWriter()
        out.add(
            "Policies",
            objects: organization.policies.map { policy in
                var item = JSONWriter()
                item.add("Name", policy.name)
                item.add("Id", policy.id)
                item.add("Document", policy.document)
                item.add("Targets", strings: organization.targets(of: policy))
                return item
            })
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: out.data)
    }
}
