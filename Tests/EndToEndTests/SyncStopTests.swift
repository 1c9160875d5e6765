import Foundation
import Testing

/// `sync --once` stops on SIGTERM even while it waits on an endpoint that never answers.
@Suite struct SyncStopTests {
    @Test func aSignalStopsASyncWaitingOnASilentEndpoint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vw-sync-stop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // An endpoint that accepts every connection and never says a word.
        let silent = Process()
        silent.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        silent.arguments = [
            "python3", "-c",
            "import socket,time,sys\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(16)\nprint(s.getsockname()[1],flush=True)\nc=[]\nwhile True: c.append(s.accept())",
        ]
        // The system's python3 itself, not a version manager's shim, whose child would outlive a kill.
        silent.environment = ["PATH": "/usr/bin:/bin"]
        let portPipe = Pipe()
        silent.standardOutput = portPipe
        // Not the test runner's own stderr: a server left behind must not hold the runner's output open.
        silent.standardError = FileHandle.nullDevice
        silent.standardInput = FileHandle.nullDevice
        try silent.run()
        defer {
            kill(silent.processIdentifier, SIGKILL)
            silent.waitUntilExit()
        }
        let port = String(decoding: portPipe.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(port) != nil)

        let sync = Process()
        sync.executableURL = try Built.vaultwatch
        sync.arguments = ["sync", "--once", "--store", folder.appendingPathComponent("store").path]
        sync.environment = [
            "HOME": folder.path, "PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "AKIDSTOPTEST", "AWS_SECRET_ACCESS_KEY": "stop-secret",
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let errors = Pipe()
        sync.standardError = errors
        sync.standardOutput = FileHandle.nullDevice
        try sync.run()
        Thread.sleep(forTimeInterval: 2)
        #expect(sync.isRunning, "the sync waits on the silent endpoint")
        let signalled = Date()
        kill(sync.processIdentifier, SIGTERM)
        sync.waitUntilExit()
        #expect(Date().timeIntervalSince(signalled) < 15)
        #expect(sync.terminationStatus == 130)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("stopped before the sync finished"), "\(stderr)")
        #expect(!stderr.contains("stop-secret"))
    }
}
