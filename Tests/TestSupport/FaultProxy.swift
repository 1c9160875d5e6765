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
        (child, port) = try startPrintingPort(["python3", "-u", Resources.faultProxy, moto.url], name: "fault_proxy.py")
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
