import Foundation
import VaultStore

/// The digest signing key of the user (`$XDG_CONFIG_HOME/vaultwatch/digest-key.pem`), and the
/// public key `store verify` trusts.
enum DigestKeyOption {
    static var file: URL { DigestKey.defaultFile() }

    /// The key writing commands sign digests with, made (and said) when there is none.
    static func signer() throws -> DigestKey {
        do {
            let (key, created) = try DigestKey.loadOrCreate(at: file)
            if created {
                ProblemReport.warn(
                    "made a digest signing key at \(file.path); keep its public key away from this machine"
                        + " (`vaultwatch store digest --public-key`)")
            }
            return key
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The public key to check digests with: `--public-key FILE` when given, else the signing
    /// key's (never made here: checking writes nothing). Nil, with its place, when there is none.
    static func trusted(publicKeyFile: String?) throws -> (key: DigestPublicKey?, source: String) {
        if let publicKeyFile {
            do {
                let text = String(decoding: try InputFile.read(publicKeyFile), as: UTF8.self)
                return (try DigestPublicKey(text: text), publicKeyFile)
            } catch let error as DigestKeyError {
                throw CLIError("\(publicKeyFile): \(error)")
            } catch {
                throw CLIError("\(error)")
            }
        }
        do {
            return (try DigestKey.load(at: file)?.publicKey, file.path)
        } catch {
            throw CLIError("\(error)")
        }
    }
}
