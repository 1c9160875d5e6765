import Foundation

/// One thing that happens in the demo account at `time`: a call made to the backend, or through
/// the caller (the people's calls, which a driver may send over HTTP). It is handed the instant it
/// actually runs at, which can be earlier than planned (see `DemoOpening`).
struct DemoAct {
    var time: Date
    var perform: (DemoBackend, any DemoCaller, Date) -> Void

    /// Acts in time order; acts at the same instant keep the order they were listed in.
    static func chronological(_ acts: [DemoAct]) -> [DemoAct] {
        acts.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
    }

    /// Runs `acts` in time order, letting AWS Backup expire points and move them to cold
    /// storage before each call, as time passes.
    static func run(_ acts: [DemoAct], on backend: DemoBackend, caller: (any DemoCaller)? = nil) {
        for act in chronological(acts) {
            backend.expire(at: act.time)
            backend.moveToColdStorage(at: act.time)
            act.perform(backend, caller ?? backend, act.time)
        }
    }
}
