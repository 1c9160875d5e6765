import Foundation
import VaultCore
import VaultStore

/// The digest signing key of the user (`$XDG_CONFIG_HOME/vaultwatch/digest-key.pem`), and the
/// public key `store verify` trusts.
enum DigestKeyOption {
    static var file: URL { DigestKey.defaultFile() }

    /// The key writing commands sign digests with, made (and said) when there is none, unless the
    /// store in `directory` holds digests: then the key that signed them went missing, and a new
    /// one would sign a chain that no longer verifies (this store's and every other's).
    static func signer(for directory: URL) throws -> DigestKey {
        do {
            if try DigestKey.load(at: file) == nil, let store = try? Store(readingFrom: directory),
                let newest = store.newestDigestSigner()
            {
                throw CLIError(
                    "no digest signing key at \(file.path), but the store's digests (the newest, \(newest.seq), of"
                        + " \(UTC.second(newest.at)) UTC) were signed by \(newest.fingerprint): put that key back (from where you"
                        + " keep a copy); or, to start a new digest chain on purpose, move \(directory.path)/digests.jsonl aside"
                        + " and run `vaultwatch store digest`")
            }
            let (key, created) = try DigestKey.loadOrCreate(at: file)
            if created {
                ProblemReport.warn(
                    "made a digest signing key at \(file.path); keep its public key away from this machine"
                        + " (`vaultwatch store digest --public-key`)")
            }
            return key
        } catch let error as CLIError {
            throw error
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
