// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "vaultwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vaultwatch", targets: ["vaultwatch"]),
        .executable(name: "vaultwatch-bench", targets: ["vaultwatch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 for the hash chain of alerts and acknowledgements.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        // C shim over ncursesw: NCURSES_WIDECHAR is defined in the header itself, since the
        // pkgConfig route silently drops it (see shared/docs/swift-on-this-machine.md §1).
        .systemLibrary(name: "CNCurses"),
        .target(name: "VaultCore"),
        .target(
            name: "VaultStore",
            dependencies: ["VaultCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "VaultSync", dependencies: ["VaultCore", "VaultStore"]),
        .target(name: "VaultTUI", dependencies: ["VaultCore", "CNCurses"]),
        .executableTarget(
            name: "vaultwatch",
            dependencies: [
                "VaultCore", "VaultStore", "VaultSync", "VaultTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark: a generated account (VaultBench) and the harness that measures it against
        // peers (Python scripts in Benchmarks/peers, read by path). Run in release; see README.
        .target(name: "VaultBench", dependencies: ["VaultCore", "VaultStore"], path: "Benchmarks/VaultBench"),
        .executableTarget(
            name: "vaultwatch-bench",
            dependencies: [
                "VaultBench", "VaultCore", "VaultStore", "VaultSync", "VaultTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/vaultwatch-bench"
        ),
        .testTarget(name: "VaultCoreTests", dependencies: ["VaultCore", "FuzzSupport"]),
        // The writer the store's multi-process tests start and kill; not a product.
        .executableTarget(name: "vaultwatch-store-probe", dependencies: ["VaultCore", "VaultStore"]),
        .testTarget(name: "VaultStoreTests", dependencies: ["VaultStore", "vaultwatch-store-probe", "FuzzSupport"]),
        .testTarget(name: "VaultSyncTests", dependencies: ["VaultSync"]),
        // Screen expectations live in Tests/VaultTUITests/Screens and are read by path.
        .testTarget(name: "VaultTUITests", dependencies: ["VaultTUI", "FuzzSupport"], exclude: ["Screens"]),
        .testTarget(name: "EndToEndTests", dependencies: ["vaultwatch"]),
        .testTarget(name: "VaultBenchTests", dependencies: ["VaultBench", "VaultStore"]),
        // libFuzzer targets, one executable each (see RELIABILITY.md and .ci/fuzz, which builds them with the
        // sanitizers and -DFUZZING). A plain build makes each a replayer of the inputs named on its command line.
        .target(name: "FuzzSupport", path: "Fuzz/Targets/Support"),
        .executableTarget(name: "fuzz-store-lines", dependencies: ["FuzzSupport", "VaultStore"], path: "Fuzz/Targets/StoreLines"),
        .executableTarget(name: "fuzz-event-pattern", dependencies: ["FuzzSupport", "VaultCore"], path: "Fuzz/Targets/EventPattern"),
        .executableTarget(name: "fuzz-policy", dependencies: ["FuzzSupport", "VaultCore"], path: "Fuzz/Targets/Policy"),
        .executableTarget(name: "fuzz-terminal-input", dependencies: ["FuzzSupport", "VaultTUI"], path: "Fuzz/Targets/TerminalInput"),
    ]
)
