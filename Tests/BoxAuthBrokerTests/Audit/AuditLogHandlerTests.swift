@testable import BoxAuthBroker
import Logging
import Testing

@Suite("Audit log handler")
struct AuditLogHandlerTests {
    @Test("A line has the time, level, label, message and the metadata sorted by key, control characters escaped")
    func line() {
        var handler = AuditLogHandler(label: "box-auth.audit", level: .info)
        handler[metadataKey: "listener"] = "socket"
        let event = LogEvent(
            level: .info, message: "broker request",
            metadata: ["status": "200", "profile": "evil\u{1b}[2Jname", "client": "owner"], source: "BoxAuthBroker",
            file: #fileID, function: #function, line: #line)
        let line = handler.line(for: event, timestamp: "2026-12-06T22:00:00Z")
        #expect(
            line == "2026-12-06T22:00:00Z info box-auth.audit: broker request client=owner listener=socket "
                + "profile=evil\\u{1B}[2Jname status=200\n")
    }
}
