import Foundation
import VaultCore

/// The whole state of the dashboard: what the worker last published, where the operator is,
/// and what they are typing. `view` draws it; `update` is the only thing that changes it.
public struct AppState: Sendable {
    public var snapshot: AccountSnapshot
    public var now: Date
    public var width: Int
    public var height: Int

    public var tab: Tab = .vaults
    public var screen: Screen = .list
    public var overlay: Overlay = .none

    /// Selection by identity, so a row stays selected when new rows arrive above it.
    public var selectedVault: VaultKey?
    public var selectedPoint: String?
    public var selectedAlert: String?
    public var selectedCheck: String?
    /// How far the open detail screen is scrolled, in rows.
    public var detailScroll = 0
    /// Whether the open detail shows long values whole, rather than cut at `Prose.valueLimit`.
    public var fullValues = false
    /// First visible row of each tab's list.
    public var scrollTop: [Tab: Int] = [:]

    public var filters: [Tab: FilterState] = [:]
    public var sortIndex: [Tab: Int] = [:]
    /// The Recovery points tab shows one vault's points when set, all when nil.
    public var pointsVault: VaultKey?
    public var unacknowledgedOnly = false

    public var themeNames: [String]
    public var themeIndex = 0
    /// Set when NO_COLOR or the terminal forces monochrome: `t` then says why nothing changes.
    public var colourLocked: String?

    /// The demo's speed when time is simulated: the clock then says "simulated", with its date.
    public var simulatedSpeed: Double?

    /// Whether the time shown is simulated: the demo's, or that of a store a demo left ahead of the
    /// wall clock (see `StoreTime`); the clock then says so, with its date.
    public var timeIsSimulated: Bool { simulatedSpeed != nil || StoreTime(snapshot.state, wall: now).differsFromWallClock }

    /// While paused the screen keeps showing `snapshot`; newer ones wait in `pending`.
    public var paused = false
    public var pending: AccountSnapshot?

    /// A one-line message in the footer (what just happened), and how many ticks it stays.
    public var status: String?
    /// The tab the message was said on: it is shown there only, and leaving the tab ends it.
    public var statusTab: Tab?
    public var statusIsError = false
    public var statusTicksLeft = 0
    /// Why the store is not being read: who holds a lock the worker has waited a while for
    /// (`process 1234 (vaultwatch)`).
    public var storeLockHolder: String?

    /// `user@host`: who an acknowledgement is recorded for.
    public var identity: String
    public var keyMap: KeyMap
    public var readOnly: Bool
    /// Alerts acknowledged on screen whose record has not come back from the store yet.
    public var acknowledging: Set<String> = []

    /// Each alert's severity and its reasons, worked out once per alert (see `AlertTriage`).
    public private(set) var assessments: [String: AlertAssessment] = [:]
    private var assessor: AlertAssessor
    /// How many of the snapshot's alerts have been assessed.
    private var assessedAlerts = 0

    // Rows of each list, derived from the snapshot, filter, sort and scope by `deriveRows`.
    public private(set) var vaultRows: [Vault] = []
    public private(set) var pointRows = PointRows()
    /// Every point of the tab's scope in its order, before the filter: typing a filter only filters it.
    private var orderedPoints = PointRows()
    private var orderedPointsKey: DerivationKey?
    /// What the filter last found among `orderedPoints`: typing on only looks again at those.
    private var pointsFound: [PointRows.Found] = []
    /// Where the selected point is in `pointRows`, so a million rows are not searched on every key.
    private var selectedPointPosition: Int?
    public private(set) var alertRows: [Alert] = []
    public private(set) var guardrailRows: [GuardrailRow] = []

    /// How the Guardrails tab judges the account; nil hides its verdicts ("not configured").
    public var guardrailSetup: GuardrailSetup?
    /// The posture checks as of the last derivation: judged again when vaults or policies change,
    /// the recovery-point checks alone when only points do, and everything at the first instant
    /// a verdict changes by itself (a grace period ending, a point growing old): never per frame.
    public private(set) var guardrailReport: GuardrailReport? {
        didSet { guardrailFailures = guardrailReport?.count(.fail) ?? 0 }
    }
    /// The report's FAILs, counted once per report (the tab line shows them every frame).
    public private(set) var guardrailFailures = 0
    private var derivedReport: ReportKey?
    private var derivedGuardrails: DerivationKey?
    private var reportGeneration = 0

    /// What the report was judged on. Points alone only move the recovery-point checks.
    struct ReportKey: Equatable, Sendable {
        var vaults: Int
        var policies: Int
        var points: Int
    }

    /// What the point and alert rows were last derived from.
    struct DerivationKey: Equatable, Sendable {
        var revision: Int
        var scope: VaultKey?
        var filter: String
        var order: String
        var flag: Bool
    }
    /// What the vault rows were last derived from.
    struct VaultsKey: Equatable, Sendable {
        var vaults: Int
        var points: Int?
        var filter: String
        var order: String
        var now: Date?
    }
    private var derivedVaults: VaultsKey?
    private var derivedPoints: DerivationKey?
    private var derivedAlerts: DerivationKey?

    public init(
        snapshot: AccountSnapshot = AccountSnapshot(), now: Date, width: Int = 80, height: Int = 24,
        themeNames: [String] = [Theme.builtin.name], identity: String = "operator",
        keyMap: KeyMap = .standard, readOnly: Bool = false, guardrailSetup: GuardrailSetup? = nil
    ) {
        self.snapshot = snapshot
        self.now = now
        self.width = width
        self.height = height
        self.themeNames = themeNames
        self.identity = identity
        self.keyMap = readOnly ? keyMap.readOnly : keyMap
        self.readOnly = readOnly
        self.guardrailSetup = guardrailSetup
        assessor = AlertAssessor(admins: guardrailSetup?.settings.adminArns ?? [])
        deriveRows()
    }

    public var account: AccountState { snapshot.state }
    public var filter: FilterState { filters[tab] ?? .off }
    public var sortOrder: SortOrder { order(tab) }

    public var keyContext: KeyMap.Context { screen == .list ? tab.keyContext : .detail }

    // MARK: - Derived rows

    mutating func deriveRows() {
        let previous = Tab.allCases.map { selectedIndex($0) }
        let state = snapshot.state
        let vaultFilter = filters[.vaults]?.text ?? ""
        let vaultOrder = order(.vaults).name
        // Lock words and the weakest-lock order move with the clock; point counts with the points.
        let vaultsKey = VaultsKey(
            vaults: state.vaultsRevision, points: vaultOrder == "points" ? state.pointsRevision : nil, filter: vaultFilter,
            order: vaultOrder, now: vaultOrder == "weakest lock" || !vaultFilter.isEmpty ? now : nil)
        if vaultsKey != derivedVaults {
            vaultRows = RowDerivation.vaults(state, filter: vaultFilter, order: vaultOrder, now: now)
            derivedVaults = vaultsKey
        }
        // Points and alerts can be many: derive them again only when what they depend on changed
        // (a snapshot that only moved the sync time costs nothing).
        let pointsKey = DerivationKey(
            revision: state.pointsRevision, scope: pointsVault, filter: filters[.recoveryPoints]?.text ?? "",
            order: order(.recoveryPoints).name, flag: false)
        // A million points are made and sorted only for the tab that shows them, and the list of
        // every vault's points not while they still load (each vault that arrives would redo it).
        let pointsShown = tab == .recoveryPoints || screen != .list
        let allStillLoading = pointsVault == nil && snapshot.pointsLoad != nil
        if allStillLoading {
            pointRows = PointRows()
            orderedPoints = PointRows()
            derivedPoints = nil
            orderedPointsKey = nil
        } else if pointsShown && pointsKey != derivedPoints {
            var orderKey = pointsKey
            orderKey.filter = ""
            if orderKey != orderedPointsKey {
                orderedPoints = RowDerivation.points(state, vault: pointsVault, order: pointsKey.order)
                orderedPointsKey = orderKey
                pointsFound = []
            }
            let filtered = orderedPoints.filtered(pointsKey.filter, earlier: pointsFound)
            pointRows = filtered.rows
            // Kept: what each text typed so far found (a million flags each, the last few).
            if let found = filtered.found {
                pointsFound = (pointsFound.filter { found.search.hasPrefix($0.search) && $0.search != found.search } + [found]).suffix(16)
            }
            selectedPointPosition = selectedPoint.flatMap { pointRows.position(ofArn: $0) }
            derivedPoints = pointsKey
        }
        let alertsKey = DerivationKey(
            revision: state.alertsRevision, scope: nil, filter: filters[.alerts]?.text ?? "", order: order(.alerts).name,
            flag: unacknowledgedOnly)
        // Alerts too are derived only where they are shown: thousands arriving a second must not
        // cost a key press on another tab anything.
        let alertsShown: Bool
        if case .alertDetail = screen { alertsShown = true } else { alertsShown = tab == .alerts }
        if alertsShown && alertsKey != derivedAlerts {
            assessNewAlerts()
            alertRows = RowDerivation.alerts(
                state, filter: alertsKey.filter, unacknowledgedOnly: unacknowledgedOnly, order: alertsKey.order,
                severity: { assessments[$0.id]?.severity ?? .low })
            derivedAlerts = alertsKey
        }
        deriveGuardrails()
        // Pin the selection to a row's identity, so rows arriving above it do not move it; a
        // selected row that is gone leaves the selection where it was. A tab not yet looked at
        // keeps no selection, so it opens on its first row (the newest alert).
        for tab in Tab.allCases where !selectionIsPresent(tab) && (tab == self.tab || hasSelection(tab)) {
            select(tab, index: previous[tab.rawValue])
        }
    }

    private func hasSelection(_ t: Tab) -> Bool {
        switch t {
        case .vaults: return selectedVault != nil
        case .recoveryPoints: return selectedPoint != nil
        case .alerts: return selectedAlert != nil
        case .guardrails: return selectedCheck != nil
        }
    }

    private func selectionIsPresent(_ t: Tab) -> Bool {
        switch t {
        case .vaults: return selectedVault.map { id in vaultRows.contains { $0.key == id } } ?? false
        case .recoveryPoints: return selectedPoint != nil && selectedPointIndex != nil
        case .alerts: return selectedAlert.map { id in alertRows.contains { $0.id == id } } ?? false
        case .guardrails: return selectedCheck.map { id in guardrailRows.contains { $0.id == id } } ?? false
        }
    }

    /// The order a tab's list is in (the points of one vault are never ordered by vault).
    public func order(_ t: Tab) -> SortOrder {
        let orders = t.sortOrders(scoped: t == .recoveryPoints && pointsVault != nil)
        return orders[(sortIndex[t] ?? 0) % orders.count]
    }

    public func rowCount(_ t: Tab) -> Int {
        switch t {
        case .vaults: return vaultRows.count
        case .recoveryPoints: return pointRows.count
        case .alerts: return alertRows.count
        case .guardrails: return guardrailRows.count
        }
    }

    /// Index of the selected row of a tab (0 when nothing or a vanished row is selected).
    public func selectedIndex(_ t: Tab) -> Int {
        switch t {
        case .vaults: return selectedVault.flatMap { id in vaultRows.firstIndex { $0.key == id } } ?? 0
        case .recoveryPoints: return selectedPointIndex ?? 0
        case .alerts: return selectedAlert.flatMap { id in alertRows.firstIndex { $0.id == id } } ?? 0
        case .guardrails: return selectedCheck.flatMap { id in guardrailRows.firstIndex { $0.id == id } } ?? 0
        }
    }

    mutating func select(_ t: Tab, index: Int) {
        let n = rowCount(t)
        guard n > 0 else { return }
        let i = min(max(index, 0), n - 1)
        switch t {
        case .vaults: selectedVault = vaultRows[i].key
        case .recoveryPoints:
            selectedPoint = pointRows[i].arn
            selectedPointPosition = i
        case .alerts: selectedAlert = alertRows[i].id
        case .guardrails: selectedCheck = guardrailRows[i].id
        }
    }

    /// The selected point's row: where it was last seen when it is still there, else searched for.
    private var selectedPointIndex: Int? {
        guard let arn = selectedPoint else { return nil }
        if let p = selectedPointPosition, p < pointRows.count, pointRows[p].arn == arn { return p }
        return pointRows.position(ofArn: arn)
    }

    public var currentVault: Vault? { vaultRows.isEmpty ? nil : vaultRows[selectedIndex(.vaults)] }
    public var currentPoint: RecoveryPoint? { pointRows.isEmpty ? nil : pointRows[selectedIndex(.recoveryPoints)] }
    public var currentAlert: Alert? { alertRows.isEmpty ? nil : alertRows[selectedIndex(.alerts)] }
    public var currentCheck: GuardrailRow? {
        guardrailRows.isEmpty ? nil : guardrailRows[selectedIndex(.guardrails)]
    }

    /// The severity of an alert (assessed when it arrived).
    public func assessment(of alert: Alert) -> AlertAssessment {
        assessments[alert.id] ?? AlertTriage.assess(alert, admins: assessor.admins)
    }

    /// Alerts arrive at the end of the list: only those after the last one assessed are looked at.
    private mutating func assessNewAlerts() {
        let alerts = snapshot.state.alerts
        if assessedAlerts > alerts.count { assessedAlerts = 0 }  // another store's list
        for alert in alerts[assessedAlerts...] where assessments[alert.id] == nil {
            assessments[alert.id] = assessor.assess(alert)
        }
        assessedAlerts = alerts.count
    }

    /// Runs the posture checks when their inputs changed, and derives the tab's rows.
    mutating func deriveGuardrails() {
        let state = snapshot.state
        if let setup = guardrailSetup, !snapshot.loading {
            let key = ReportKey(
                vaults: state.vaultsRevision, policies: state.policiesRevision, points: state.pointsRevision)
            let inputs = GuardrailInputs(
                state: state, rules: setup.rules, rulesAreDefaults: setup.rulesAreDefaults, suppliedSCPs: setup.suppliedSCPs,
                settings: setup.settings)
            let expired = guardrailReport?.validUntil.map { now >= $0 } ?? false
            if let old = derivedReport, let report = guardrailReport, !expired,
                old.vaults == key.vaults, old.policies == key.policies
            {
                if old.points != key.points {
                    guardrailReport = report.refreshingRecency(inputs, at: now)
                    reportGeneration += 1
                }
            } else {
                guardrailReport = PostureChecks.evaluate(inputs, at: now)
                reportGeneration += 1
            }
            derivedReport = key
        }
        let rowsKey = DerivationKey(
            revision: reportGeneration, scope: nil, filter: filters[.guardrails]?.text ?? "",
            order: order(.guardrails).name, flag: false)
        if rowsKey != derivedGuardrails {
            guardrailRows = RowDerivation.guardrails(guardrailReport, filter: rowsKey.filter, order: rowsKey.order)
            derivedGuardrails = rowsKey
        }
    }
}
