import Foundation
import VaultCore

/// The whole screen as a pure function of the state: same state and size, same grid. The
/// ncurses backend only draws what this returns.
public enum View {
    public static func render(_ state: AppState) -> Grid {
        var grid = Grid(width: state.width, height: state.height)
        let layout = Layout(width: state.width, height: state.height)
        if layout.tooSmall {
            TooSmall.draw(into: &grid, width: state.width, height: state.height)
            return grid
        }
        Chrome.header(into: &grid, state)
        Chrome.tabs(into: &grid, state)
        switch state.screen {
        case .list:
            switch state.tab {
            case .vaults: VaultsScreen.draw(into: &grid, state, layout)
            case .recoveryPoints: PointsScreen.draw(into: &grid, state, layout)
            case .alerts: AlertsScreen.draw(into: &grid, state, layout)
            case .guardrails: GuardrailsScreen.draw(into: &grid, state, layout)
            }
        case .vaultDetail, .pointDetail, .alertDetail, .checkDetail:
            DetailScreen.draw(into: &grid, state, rect: layout.body)
        }
        Chrome.footer(into: &grid, state)
        switch state.overlay {
        case .none: break
        case .help: HelpOverlay.draw(into: &grid, state)
        case .notices: NoticesOverlay.draw(into: &grid, state)
        case .acknowledge(let draft): AcknowledgeDialog.draw(into: &grid, state, draft: draft)
        }
        return grid
    }
}

/// Below the minimum size: say so plainly instead of drawing a broken screen.
enum TooSmall {
    static func draw(into grid: inout Grid, width: Int, height: Int) {
        let lines = [
            "Terminal too small",
            "\(width)×\(height), need \(Layout.minWidth)×\(Layout.minHeight)",
            "Enlarge the window, or q to quit",
        ]
        let top = max((height - lines.count) / 2, 0)
        for (i, line) in lines.enumerated() where top + i < height {
            let w = DisplayWidth.of(line)
            grid.write(line, x: max((width - w) / 2, 0), y: top + i, role: i == 0 ? .warning : .normal)
        }
    }
}
