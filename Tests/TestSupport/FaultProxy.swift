import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The fault-injecting proxy in front of a moto_server.
public final class FaultProxy {
    public let moto: LocalMoto
    public let child: ChildProcess
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }

    public init(moto: LocalMoto) throws {
        self.moto = moto
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", Resources.faultProxy, moto.url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        child = ChildProcess(process)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw CommandFailed("fault_proxy.py exited before printing its port") }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let port = Int(text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else {
            throw CommandFailed("fault_proxy.py printed \(text)")
        }
        self.port = port
    }

    public func inject(_ faults: [[String: Any]]) throws {
        var request = URLRequest(url: URL(string: "\(url)/__faults__")!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: faults)
        _ = try blockingFetch(request)
    }

    /// The requests the proxy has seen.
    public func log() throws -> [[String: Any]] {
        let data = try blockingFetch(URLRequest(url: URL(string: "\(url)/__log__")!))
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }
}

public func blockingFetch(_ request: URLRequest) throws -> Data {
    let box = LockedBox<Result<Data, Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: request) { data, _, error in
        box.set(error.map { .failure($0) } ?? .success(data ?? Data()))
        done.signal()
    }.resume()
    _ = done.wait(timeout: .now() + 30)
    return try (box.get() ?? .failure(CommandFailed("no answer"))).get()
}
