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
    ],
    targets: [
        // C shim over ncursesw: NCURSES_WIDECHAR is defined in the header itself, since the
        // pkgConfig route silently drops it (see shared/docs/swift-on-this-machine.md §1).
        .systemLibrary(name: "CNCurses"),
        // The system's libcrypto (OpenSSL 3, Debian's libssl-dev): nothing to compile, where swift-crypto's
        // vendored BoringSSL cost ~110 s of the first build (see README).
        .systemLibrary(name: "COpenSSL"),
        // SHA-256, HMAC-SHA256 and Ed25519 (and SHA-1 for the AWS CLI's cache names) over libcrypto.
        .target(name: "SystemCrypto", dependencies: ["COpenSSL"]),
        .target(name: "VaultCore"),
        .target(
            name: "VaultStore",
            dependencies: ["VaultCore", "SystemCrypto"]),
        // The simulated AWS Backup service of the demo account: the domain alone, safe to call from
        // any thread (it serialises its calls inside).
        .target(name: "VaultDemo", dependencies: ["VaultCore"]),
        .target(name: "VaultSync", dependencies: ["VaultCore", "VaultStore", "AWSClient"]),
        // A local AWS Backup endpoint (and CloudTrail LookupEvents) over the demo's backend: its own
        // HTTP/1.1 server on POSIX sockets, SigV4 checked with AWSClient's verifier.
        .target(name: "VaultEmulator", dependencies: ["VaultCore", "VaultDemo", "AWSClient"]),
        // The pure dashboard: state, update, view, grid and its diff, themes, keys. No terminal:
        // nothing here can reach ncurses.
        .target(name: "VaultTUI", dependencies: ["VaultCore"]),
        // The terminal: the ncurses backend, the main loop and signal handling, around VaultTUI.
        .target(name: "VaultTerminal", dependencies: ["VaultTUI", "VaultCore", "CNCurses"]),
        // config.toml: a small TOML reader of its own (no dependency to build) and the settings it holds.
        .target(name: "VaultConfig", dependencies: ["VaultCore"]),
        // How vaultwatch reaches AWS, exactly as the AWS CLI does: credentials, region, endpoints,
        // SigV4, retries, protocols and errors. Foundation, SystemCrypto and the system's libcurl (through
        // CCurl) only; no vaultwatch target.
        .target(name: "AWSClient", dependencies: ["CCurl", "SystemCrypto"]),
        // Typed wrappers over libcurl's variadic curl_easy_setopt/getinfo (libcurl4-openssl-dev).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .executableTarget(
            name: "vaultwatch",
            dependencies: [
                "VaultCore", "VaultStore", "VaultSync", "VaultTUI", "VaultTerminal", "VaultConfig", "AWSClient", "VaultDemo",
                "VaultEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark: a generated account (VaultBench) and the harness that measures it against
        // peers (Python scripts in Benchmarks/peers, read by path). Run in release; see README.
        .target(name: "VaultBench", dependencies: ["VaultCore", "VaultStore"], path: "Benchmarks/VaultBench"),
        .executableTarget(
            name: "vaultwatch-bench",
            dependencies: [
                "VaultBench", "VaultCore", "VaultStore", "VaultSync", "VaultTUI", "VaultTerminal", "VaultDemo", "VaultEmulator",
                "AWSClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/vaultwatch-bench"
        ),
        // The standard vectors, and signatures checked both ways with the openssl CLI.
        .testTarget(name: "SystemCryptoTests", dependencies: ["SystemCrypto", "TestSupport"]),
        .testTarget(name: "VaultCoreTests", dependencies: ["VaultCore", "FuzzSupport"]),
        // The writer the store's multi-process tests start and kill; not a product.
        .executableTarget(name: "vaultwatch-store-probe", dependencies: ["VaultCore", "VaultStore"]),
        // Fixtures/SwiftCryptoStore: a store and key written by swift-crypto, read by path.
        .testTarget(
            name: "VaultStoreTests", dependencies: ["VaultStore", "vaultwatch-store-probe", "FuzzSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "VaultSyncTests", dependencies: ["VaultSync", "VaultDemo", "AWSClient", "TestSupport", "FuzzSupport"]),
        // Screen expectations live in Tests/VaultTUITests/Screens and are read by path.
        .testTarget(name: "VaultTUITests", dependencies: ["VaultTUI", "VaultTerminal", "FuzzSupport"], exclude: ["Screens"]),
        // Helpers the test targets share: real local endpoints (moto_server, the fault-injecting proxy,
        // an organization's alert wiring), botocore as an oracle, and subprocesses; its Python helpers in
        // Resources are run by path.
        .target(
            name: "TestSupport", dependencies: ["AWSClient", "VaultCore"], path: "Tests/TestSupport", exclude: ["Resources"]),
        // The conformance cases (and the scripts that write them) are read by path.
        .testTarget(name: "EndToEndTests", dependencies: ["vaultwatch", "VaultStore", "TestSupport"], exclude: ["Conformance"]),
        .testTarget(name: "VaultBenchTests", dependencies: ["VaultBench", "VaultStore"]),
        .testTarget(name: "VaultConfigTests", dependencies: ["VaultConfig"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "TestSupport"]),
        // The alert feeds (SQS, CloudTrail, events files) against moto_server and botocore.
        .testTarget(name: "FeedTests", dependencies: ["VaultSync", "VaultStore", "AWSClient", "TestSupport"]),
        // The botocore oracle in Resources is run by path.
        .testTarget(
            name: "VaultEmulatorTests", dependencies: ["VaultEmulator", "VaultDemo", "AWSClient", "VaultSync", "VaultStore"],
            exclude: ["Resources"]),
        // libFuzzer targets, one executable each (see RELIABILITY.md and .ci/fuzz, which builds them with the
        // sanitizers and -DFUZZING). A plain build makes each a replayer of the inputs named on its command line.
        .target(name: "FuzzSupport", path: "Fuzz/Targets/Support"),
        .executableTarget(name: "fuzz-store-lines", dependencies: ["FuzzSupport", "VaultStore"], path: "Fuzz/Targets/StoreLines"),
        .executableTarget(name: "fuzz-event-pattern", dependencies: ["FuzzSupport", "VaultCore"], path: "Fuzz/Targets/EventPattern"),
        .executableTarget(name: "fuzz-policy", dependencies: ["FuzzSupport", "VaultCore"], path: "Fuzz/Targets/Policy"),
        .executableTarget(name: "fuzz-terminal-input", dependencies: ["FuzzSupport", "VaultTerminal"], path: "Fuzz/Targets/TerminalInput"),
        .executableTarget(
            name: "fuzz-aws-answers", dependencies: ["FuzzSupport", "AWSClient", "VaultSync"], path: "Fuzz/Targets/AWSAnswers"),
    ]
)
