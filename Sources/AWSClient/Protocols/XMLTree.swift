import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small element tree read with `XMLParser` (FoundationXML on Linux): enough for the Query
/// protocol's answers (STS) and their `<ErrorResponse>`s.
public final class XMLTree: Sendable {
    public let name: String
    public let text: String
    public let children: [XMLTree]

    init(name: String, text: String, children: [XMLTree]) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child named `name`.
    public func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// The element at `path` below this one (`["AssumeRoleResult", "Credentials"]`).
    public func at(_ path: [String]) -> XMLTree? {
        path.reduce(Optional(self)) { $0?.child($1) }
    }

    /// The first element named `name` anywhere below this one, depth first.
    public func first(named name: String) -> XMLTree? {
        for child in children {
            if child.name == name { return child }
            if let found = child.first(named: name) { return found }
        }
        return nil
    }

    /// Parses `data`; nil when it is not well-formed XML.
    public static func parse(_ data: Data) -> XMLTree? {
        let delegate = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else { return nil }
        return root
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [(name: String, text: String, children: [XMLTree])] = []
    var root: XMLTree?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        stack.append((name: elementName, text: "", children: []))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let top = stack.popLast() else { return }
        let element = XMLTree(
            name: top.name, text: top.text.trimmingCharacters(in: .whitespacesAndNewlines), children: top.children)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }
}
