import Foundation

/// EC2 instance profile credentials over IMDSv2: `PUT /latest/api/token` with a 6-hour TTL, then
/// `GET /latest/meta-data/iam/security-credentials/` (the role) and `…/<role>` with the token, each
/// bounded by `metadata_service_timeout` (1 s) and `metadata_service_num_attempts` (1). When the token
/// PUT is refused with 403/404/405 it falls back to IMDSv1 as botocore does, unless
/// `AWS_EC2_METADATA_V1_DISABLED`. `AWS_EC2_METADATA_DISABLED=true` skips it; the endpoint comes from
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` / `ec2_metadata_service_endpoint`.
enum InstanceMetadataCredentials {
    static func disabled(_ environment: AWSEnvironment) -> Bool {
        environment.flag("AWS_EC2_METADATA_DISABLED") == true
    }

    static func endpoint(_ configuration: AWSConfiguration) -> String {
        let text = configuration.environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"]
            ?? configuration.profile["ec2_metadata_service_endpoint"] ?? "http://169.254.169.254"
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    static func fetch(configuration: AWSConfiguration, transport: any HTTPTransport) throws -> AWSCredentials {
        let environment = configuration.environment
        let base = endpoint(configuration)
        let timeout = Double(environment["AWS_METADATA_SERVICE_TIMEOUT"] ?? configuration.profile["metadata_service_timeout"] ?? "1") ?? 1
        let attempts = Int(environment["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] ?? configuration.profile["metadata_service_num_attempts"] ?? "1") ?? 1
        let what = "the instance metadata service at \(base)"
        let tokenRequest = try HTTPRequest(
            method: "PUT", url: base + "/latest/api/token", headers: ["x-aws-ec2-metadata-token-ttl-seconds": "21600"])
        let tokenResponse = try MetadataFetch.send(tokenRequest, transport: transport, timeout: timeout, attempts: attempts, what: what)
        var headers = HTTPHeaders()
        if tokenResponse.isSuccess {
            headers.set("x-aws-ec2-metadata-token", String(decoding: tokenResponse.body, as: UTF8.self))
        } else if ![403, 404, 405].contains(tokenResponse.status) || environment.flag("AWS_EC2_METADATA_V1_DISABLED") == true {
            throw AWSError.credentials(
                CredentialProblem(kind: .refused, reason: "\(what) refused an IMDSv2 token (HTTP \(tokenResponse.status))", lookedAt: [base]))
        }
        let listRequest = try HTTPRequest(method: "GET", url: base + "/latest/meta-data/iam/security-credentials/", headers: headers)
        let list = try MetadataFetch.send(listRequest, transport: transport, timeout: timeout, attempts: attempts, what: what)
        let role = String(decoding: list.body, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard list.isSuccess, !role.isEmpty else {
            throw AWSError.credentials(
                CredentialProblem(kind: .missing, reason: "\(what) names no instance profile role", lookedAt: [base]))
        }
        let roleRequest = try HTTPRequest(
            method: "GET", url: base + "/latest/meta-data/iam/security-credentials/" + URIEncoding.encode(role), headers: headers)
        let object = try MetadataFetch.json(roleRequest, transport: transport, timeout: timeout, attempts: attempts, what: what)
        return try MetadataFetch.credentials(object, source: .instanceMetadata, what: what)
    }
}
