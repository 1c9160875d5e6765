import Foundation

/// An AWS shared config or credentials file read as botocore reads it (`raw_config_parse`:
/// Python's `RawConfigParser` plus nested values): `[section]` headers, `key = value` (or `key: value`),
/// keys lower-cased, comment lines starting `#` or `;`, indented lines continuing the previous value,
/// and a value that starts on the next line (`backup =\n  endpoint_url = …`) read as nested keys.
public struct ConfigFile: Sendable, Equatable {
    public struct Section: Sendable, Equatable {
        public var values: [String: String] = [:]
        public var nested: [String: [String: String]] = [:]
    }

    /// Sections by their header text, in file order of first appearance.
    public private(set) var sections: [String: Section] = [:]
    public private(set) var order: [String] = []
    public let path: String

    public init(path: String, text: String) throws {
        self.path = path
        var current: String?
        var lastKey: String?
        var rawValues = [String: [String: [String]]]()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let stripped = line.trimmingCharacters(in: .whitespaces)
            if stripped.isEmpty { lastKey = nil; continue }
            if stripped.hasPrefix("#") || stripped.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if indented, let section = current, let key = lastKey {
                rawValues[section]?[key]?.append(stripped)
                continue
            }
            if stripped.hasPrefix("[") {
                guard let close = stripped.firstIndex(of: "]") else {
                    throw AWSError.configuration("\(path):\(number + 1): section header without ']'")
                }
                let name = String(stripped[stripped.index(after: stripped.startIndex)..<close])
                current = name
                lastKey = nil
                if rawValues[name] == nil {
                    rawValues[name] = [:]
                    order.append(name)
                }
                continue
            }
            guard let section = current else {
                throw AWSError.configuration("\(path):\(number + 1): a key outside any [section]")
            }
            guard let sep = stripped.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw AWSError.configuration("\(path):\(number + 1): expected 'key = value'")
            }
            let key = stripped[..<sep].trimmingCharacters(in: .whitespaces).lowercased()
            let value = stripped[stripped.index(after: sep)...].trimmingCharacters(in: .whitespaces)
            rawValues[section]?[key] = [value]
            lastKey = key
        }
        for name in order {
            var section = Section()
            for (key, lines) in rawValues[name] ?? [:] {
                if lines.first == "" && lines.count > 1 {
                    var nested = [String: String]()
                    for line in lines.dropFirst() {
                        guard let sep = line.firstIndex(of: "=") else { continue }
                        nested[line[..<sep].trimmingCharacters(in: .whitespaces).lowercased()] =
                            line[line.index(after: sep)...].trimmingCharacters(in: .whitespaces)
                    }
                    section.nested[key] = nested
                } else {
                    section.values[key] = lines.joined(separator: "\n")
                }
            }
            sections[name] = section
        }
    }

    /// The file at `path`, or nil when it is not a regular file (after links), as botocore's
    /// `raw_config_parse` (`os.path.isfile`) treats it: a missing file, `/dev/null` (the AWS CLI's way
    /// to say "no config file"), a directory or a FIFO are all read as no file.
    public static func load(_ path: String) throws -> ConfigFile? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSError.configuration("\(path): cannot be read")
        }
        return try ConfigFile(path: path, text: String(decoding: data, as: UTF8.self))
    }
}
