public import InMemoryTracing
public import Tracing

extension Array where Element == FinishedInMemorySpan {
    /// The spans named `name`, in the order they ended.
    public func named(_ name: String) -> [FinishedInMemorySpan] { filter { $0.operationName == name } }

    /// The spans whose parent is `parent`.
    public func children(of parent: FinishedInMemorySpan) -> [FinishedInMemorySpan] {
        filter { $0.parentSpanID == parent.spanID }
    }

    /// Every attribute of every span and of every span's events, as `(name, value as text)`: what a
    /// secrets check looks through.
    public var everyAttribute: [(name: String, value: String)] {
        var found: [(String, String)] = []
        for span in self {
            found.append(("operationName", span.operationName))
            span.attributes.forEach { name, value in found.append((name, "\(value)")) }
            for event in span.events {
                found.append(("event", event.name))
                event.attributes.forEach { name, value in found.append((name, "\(value)")) }
            }
        }
        return found
    }

    /// The attributes whose value contains one of `secrets` (the check wants none).
    public func attributes(containing secrets: [String]) -> [String] {
        everyAttribute.filter { attribute in secrets.contains { attribute.value.contains($0) } }.map(\.name)
    }
}

extension SpanAttributes {
    /// The attribute `name` as text (`nil` when absent), whatever its type.
    public func text(_ name: String) -> String? {
        guard let value = get(name) else { return nil }
        switch value {
        case .string(let text): return text
        case .int64(let number): return String(number)
        case .int32(let number): return String(number)
        case .bool(let flag): return String(flag)
        case .double(let number): return String(number)
        default: return "\(value)"
        }
    }
}
