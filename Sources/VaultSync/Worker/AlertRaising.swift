import Dispatch
import Foundation
import Synchronization
import VaultCore

/// Which calls raise an alert that is not raised yet: the worker's part of deriving alerts from
/// stored calls. A first load hands it every call of the activity log at once (100,000 in a large
/// store), so it skips calls whose alert is already known before building their EventBridge event,
/// and matches the rest on every core.
enum AlertRaising {
    /// Below this many calls they are matched on the calling thread.
    static let parallelMinimum = 4_096

    /// The new alerts `records` raise, in the order of their calls, each once.
    static func newAlerts(for records: [Record], rules: [AlertRule], in state: AccountState) -> [Alert] {
        var calls: [ApiCall] = []
        for case .call(let call) in records where state.alert(id: Alert.id(forCall: call.id)) == nil {
            calls.append(call)
        }
        var seen = Set<String>()
        return matches(calls, rules: rules).filter { seen.insert($0.id).inserted }
    }

    /// The alerts `calls` raise, in their order.
    private static func matches(_ calls: [ApiCall], rules: [AlertRule]) -> [Alert] {
        guard calls.count >= parallelMinimum else { return calls.compactMap { rules.alert(for: $0) } }
        let slices = ProcessInfo.processInfo.activeProcessorCount * 4
        let size = (calls.count + slices - 1) / slices
        let found = Mutex([[Alert]](repeating: [], count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            let range = min(k * size, calls.count)..<min((k + 1) * size, calls.count)
            let alerts = calls[range].compactMap { rules.alert(for: $0) }
            found.withLock { $0[k] = alerts }
        }
        return found.withLock { $0.flatMap { $0 } }
    }
}
