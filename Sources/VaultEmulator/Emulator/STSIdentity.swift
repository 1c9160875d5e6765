import AWSClient
import Foundation

/// STS `GetCallerIdentity` (Query protocol, XML), the one STS call a source makes to learn which
/// account its keys reach: the signing principal's account, ARN and user id. Any other STS action
/// is not offered.
enum STSIdentity {
    static func answer(_ request: HTTPRequest, principal: EmulatorPrincipal) throws(ServiceError) -> HTTPResponse {
        let form = QueryParameters(String(decoding: request.body, as: UTF8.self))
        guard form["Action"] == "GetCallerIdentity" else {
            throw ServiceError("InvalidAction", "This endpoint offers STS GetCallerIdentity only.")
        }
        let who = principal.principal
        let session = who.arn.split(separator: "/").last.map(String.init) ?? who.accountId
        let userId = who.kind == .root ? who.accountId : "AIDA\(principal.accessKeyId.dropFirst(4)):\(session)"
        let xml = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>\(escape(who.arn))</Arn>
                <UserId>\(escape(userId))</UserId>
                <Account>\(escape(who.accountId))</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>\(UUID().uuidString.lowercased())</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """
        return HTTPResponse(status: 200, headers: ["Content-Type": "text/xml"], body: Data(xml.utf8))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
