import Testing

@testable import VaultTUI

/// The grid diff on its own: what a terminal must be sent to go from one frame to the next.
@Suite struct GridDiffTests {
    static func grid(_ text: String, width: Int = 8) -> Grid {
        var g = Grid(width: width, height: 1)
        g.write(text, x: 0, y: 0, ellipsis: false)
        return g
    }

    static func columns(_ changes: [CellChange]) -> [Int] { changes.map(\.x) }

    @Test func theFirstFrameSendsEveryCellButContinuations() {
        let next = Self.grid("世a")
        let changes = GridDiff.changes(from: nil, to: next)
        #expect(Self.columns(changes) == [0, 2, 3, 4, 5, 6, 7], "the right half of 世 is covered by it")
    }

    @Test func aGridOfAnotherSizeIsARepaint() {
        #expect(GridDiff.changes(from: Self.grid("ab", width: 4), to: Self.grid("ab", width: 5)).count == 5)
    }

    @Test func anUnchangedFrameSendsNothing() {
        #expect(GridDiff.changes(from: Self.grid("世界 ok"), to: Self.grid("世界 ok")).isEmpty)
    }

    @Test func onlyTheChangedCellsAreSent() {
        let changes = GridDiff.changes(from: Self.grid("12:00:01"), to: Self.grid("12:00:02"))
        #expect(changes == [CellChange(x: 7, y: 0, cell: Cell("2"))], "a countdown touches only its own digit")
    }

    @Test func aWideGlyphReplacedByNarrowOnesRedrawsItsRightHalf() {
        // 世 covered columns 0–1: a blank drawn at 0 makes the terminal blank column 1 as well,
        // so column 1 is sent even though it becomes a blank too.
        var before = Grid(width: 3, height: 1)
        before.write("世", x: 0, y: 0)
        let after = Grid(width: 3, height: 1)
        #expect(Self.columns(GridDiff.changes(from: before, to: after)) == [0, 1])
        #expect(Self.columns(GridDiff.changes(from: Self.grid("世"), to: Self.grid("ab"))) == [0, 1])
    }

    @Test func aWideGlyphMovingRightIsDrawnWhole() {
        let changes = GridDiff.changes(from: Self.grid("世ab"), to: Self.grid("a世b"))
        #expect(Self.columns(changes) == [0, 1], "世 at 1 covers 2; b at 3 is unchanged")
        #expect(changes[1].cell.width == 2)
    }

    @Test func aVariationSelectorChangesTheCellAndItsWidth() {
        // ❤ (text, one column) becomes ❤️ (emoji presentation, two): both columns are affected.
        let text = Self.grid("\u{2764}ab")
        let emoji = Self.grid("\u{2764}\u{FE0F}ab")
        #expect(text[0, 0].width == 1 && emoji[0, 0].width == 2)
        let changes = GridDiff.changes(from: text, to: emoji)
        #expect(Self.columns(changes) == [0, 2, 3], "❤️ covers 1; a and b move one column right")
        // And back: the emoji's right half must be drawn again.
        #expect(Self.columns(GridDiff.changes(from: emoji, to: text)) == [0, 1, 2, 3])
    }

    @Test func rowsAreIndependent() {
        var before = Grid(width: 4, height: 2)
        before.write("世", x: 0, y: 0)
        var after = before
        after.write("z", x: 3, y: 1)
        #expect(GridDiff.changes(from: before, to: after) == [CellChange(x: 3, y: 1, cell: Cell("z"))])
    }
}
