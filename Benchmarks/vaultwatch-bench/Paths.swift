import Foundation

/// Where the benchmark finds its peers and keeps its data: beside the package it was built from.
enum Paths {
    /// The package root, found from this source file (Benchmarks/vaultwatch-bench/Paths.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let peers = root.appendingPathComponent("Benchmarks/peers", isDirectory: true)
    /// Generated data sets, keyed by seed and size, kept between runs.
    static let data = root.appendingPathComponent(".build/bench-data", isDirectory: true)
    /// What one run writes (acknowledgements, bulk appends), emptied at the start of each run.
    static let scratch = data.appendingPathComponent("scratch", isDirectory: true)

    static func peer(_ script: String) -> String { peers.appendingPathComponent(script).path }

    /// Every `.jsonl` file of a store, points included, in a stable order.
    static func storeFiles(_ store: URL) -> [URL] {
        let fm = FileManager.default
        var files: [URL] = []
        for folder in [store, store.appendingPathComponent("points", isDirectory: true)] {
            let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            files += names.filter { $0.hasSuffix(".jsonl") }.sorted().map { folder.appendingPathComponent($0) }
        }
        return files
    }

    static func pointFiles(_ store: URL) -> [URL] {
        storeFiles(store).filter { $0.deletingLastPathComponent().lastPathComponent == "points" }
    }

    static func size(_ files: [URL]) -> Int {
        files.reduce(0) { sum, file in
            sum + ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0)
        }
    }
}
