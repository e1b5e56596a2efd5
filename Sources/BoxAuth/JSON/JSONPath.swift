import Foundation

/// Where a value sits inside a JSON document, rendered as `profiles.service.clientSecret` or
/// `profiles["my profile"].scopes[0]`.
package struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    private enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private var components: [Component]

    /// The document's root (renders as an empty string).
    package static let root = JSONPath(components: [])

    private init(components: [Component]) { self.components = components }

    /// Creates a path from object keys, e.g. `JSONPath("boxAppSettings", "appAuth")`.
    package init(_ keys: String...) { self.components = keys.map(Component.key) }

    /// This path extended by an object key.
    package func appending(_ key: String) -> JSONPath {
        JSONPath(components: components + [.key(key)])
    }

    /// This path extended by an array index.
    package func appending(index: Int) -> JSONPath {
        JSONPath(components: components + [.index(index)])
    }

    /// The path as people read it.
    package var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "$" }), !key.isEmpty {
                    text += text.isEmpty ? key : ".\(key)"
                } else {
                    let quoted = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                        of: "\"", with: "\\\"")
                    let escaped = MessageText.escaped(quoted)
                    text += "[\"\(escaped)\"]"
                }
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
