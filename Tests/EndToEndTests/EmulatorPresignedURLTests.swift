import Foundation
import Testing

/// `vaultwatch emulate` answers a presigned URL (botocore's `generate_presigned_url`, fetched with
/// no Authorization header) as AWS does; it answered "missing Authentication Token".
@Suite struct EmulatorPresignedURLTests {
    @Test func aPresignedURLIsAnsweredAndATamperedOneRefused() throws {
        let emulator = try EmulatorProcess()
        let keys = try emulator.credentials("admin")
        let script = """
            import sys, urllib.request, urllib.error, botocore.session
            s = botocore.session.get_session()
            s.set_credentials(sys.argv[2], sys.argv[3])
            c = s.create_client('backup', region_name='us-east-1', endpoint_url=sys.argv[1])
            url = c.generate_presigned_url('list_backup_vaults', Params={}, ExpiresIn=60)
            for u in (url, url.replace('X-Amz-Signature=', 'X-Amz-Signature=0')):
                try:
                    r = urllib.request.urlopen(u)
                    print(r.status, r.read().decode())
                except urllib.error.HTTPError as e:
                    print(e.code, e.read().decode())
            """
        let answer = try Shell.run(
            "python3", ["-c", script, emulator.endpoint, keys["AWS_ACCESS_KEY_ID"] ?? "", keys["AWS_SECRET_ACCESS_KEY"] ?? ""])
        let lines = answer.split(separator: "\n")
        #expect(lines.count == 2, "\(answer)")
        #expect(lines.first?.hasPrefix("200 ") == true && lines.first?.contains("BackupVaultList") == true, "\(answer)")
        #expect(lines.last?.hasPrefix("403 ") == true && lines.last?.contains("InvalidSignatureException") == true, "\(answer)")
    }
}
