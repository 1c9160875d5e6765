import AWSClient
import Foundation
import TestSupport
import Testing

/// Proxies as botocore takes them, from the injected environment only: the proxy each URL goes
/// through compared with botocore's own answer for the same environment, and real calls through the
/// fault-injecting proxy in front of moto_server.
@Suite struct ProxyTests {
    /// botocore's `get_environ_proxies` and `ProxyConfiguration.proxy_url_for` for each (environment, URL).
    private static let oracle = """
        import json, os, sys
        from botocore.httpsession import ProxyConfiguration
        from botocore.utils import get_environ_proxies
        answers = []
        for environment, url in json.load(sys.stdin):
            os.environ.clear()
            os.environ.update(environment)
            answers.append(ProxyConfiguration(proxies=get_environ_proxies(url)).proxy_url_for(url))
        print(json.dumps(answers))
        """

    @Test func theProxyForEachURLIsBotocores() throws {
        let aws = "https://backup.us-east-1.amazonaws.com/backup-vaults/"
        let local = "http://127.0.0.1:5000/backup-vaults/"
        let cases: [([String: String], String)] = [
            (["HTTP_PROXY": "http://upper:3128"], local),
            (["HTTP_PROXY": "http://upper:3128", "http_proxy": "http://lower:3128"], local),
            (["HTTP_PROXY": "http://upper:3128", "http_proxy": ""], local),
            (["HTTP_PROXY": "http://upper:3128"], aws),
            (["HTTPS_PROXY": "proxy.corp:8080"], aws),
            (["https_proxy": "//proxy.corp:8080"], aws),
            (["Https_Proxy": "https://user:p%40ss@proxy.corp:8443"], aws),
            (["ALL_PROXY": "http://all:3128", "all_proxy": "http://all:3128"], aws),
            (["HTTPS_PROXY": "http://p:1", "NO_PROXY": "amazonaws.com"], aws),
            (["HTTPS_PROXY": "http://p:1", "NO_PROXY": " .AmazonAWS.com "], aws),
            (["HTTPS_PROXY": "http://p:1", "NO_PROXY": "zonaws.com"], aws),
            (["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"], aws),
            (["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*,example.com"], aws),
            (["HTTP_PROXY": "http://p:1", "NO_PROXY": "example.com,127.0.0.1:5000"], local),
            (["HTTP_PROXY": "http://p:1", "NO_PROXY": "127.0.0.1:6000"], local),
            (["HTTP_PROXY": "http://p:1", "NO_PROXY": "127.0.0.1", "no_proxy": "example.com"], local),
            (["HTTP_PROXY": "http://p:1", "REQUEST_METHOD": "GET"], local),
            (["http_proxy": "http://p:1", "REQUEST_METHOD": "GET"], local),
            ([:], aws),
        ]
        let input = try JSONSerialization.data(withJSONObject: cases.map { [$0.0, $0.1] as [Any] })
        let answers = try JSONSerialization.jsonObject(with: python(["-c", Self.oracle], stdin: input)) as? [Any] ?? []
        #expect(answers.count == cases.count)
        for ((variables, url), answer) in zip(cases, answers) {
            let proxies = ProxySettings(environment: AWSEnvironment(variables: variables, home: "/nonexistent"))
            let ours = proxies.proxy(for: try HTTPRequest(method: "GET", url: url))
            #expect(ours == answer as? String, "\(variables) \(url)")
        }
    }

    /// moto, the fault-injecting proxy in front of it, and a client whose injected environment adds `variables`.
    private struct Rig {
        let moto: LocalMoto
        let proxy: FaultProxy
        init() throws {
            moto = try LocalMoto()
            proxy = try FaultProxy(moto: moto)
        }

        func listVaults(_ variables: [String: String], endpoint: String? = nil) throws -> AWSResponse {
            let home = try TemporaryHome()
            var all = [
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "1",
            ]
            all["AWS_ENDPOINT_URL"] = endpoint ?? moto.url
            let client = AWSClient(configuration: try AWSConfiguration(environment: home.environment(all.merging(variables) { _, new in new })))
            return try client.send(try AWSOperation.restJSON(.backup, "ListBackupVaults", method: "GET", path: "/backup-vaults/"))
        }

        func targets() throws -> [String] { try proxy.log().compactMap { $0["target"] as? String } }
    }

    @Test func upperCaseHTTPProxyCarriesTheCall() throws {
        let rig = try Rig()
        #expect(try rig.listVaults(["HTTP_PROXY": rig.proxy.url]).status == 200)
        #expect(try rig.targets() == ["\(rig.moto.url)/backup-vaults/"])
    }

    @Test func noProxyAndAnEmptyLowerCaseVariableGoDirect() throws {
        let rig = try Rig()
        #expect(try rig.listVaults(["HTTP_PROXY": rig.proxy.url, "NO_PROXY": "localhost,127.0.0.1"]).status == 200)
        #expect(try rig.listVaults(["HTTP_PROXY": rig.proxy.url, "http_proxy": ""]).status == 200)
        #expect(try rig.targets().isEmpty)
    }

    @Test func upperCaseHTTPSProxyTunnelsAndItsCredentialsStayOutOfTheError() throws {
        let rig = try Rig()
        let proxy = "http://vaultproxyuser:pr%40xy-s3cret@127.0.0.1:\(rig.proxy.port)"
        do {
            _ = try rig.listVaults(["HTTPS_PROXY": proxy], endpoint: "https://backup.us-east-1.amazonaws.com")
            Issue.record("the proxy refuses CONNECT, yet the call succeeded")
        } catch let error as AWSError {
            guard case .network(_, _, .unreachable, _) = error else { throw error }
            let line = error.description
            #expect(!line.contains("s3cret") && !line.contains("pr@xy") && !line.contains("vaultproxyuser"), "\(line)")
        }
        let connect = try #require(try rig.proxy.log().first)
        #expect(connect["method"] as? String == "CONNECT" && connect["target"] as? String == "backup.us-east-1.amazonaws.com:443")
    }
}
