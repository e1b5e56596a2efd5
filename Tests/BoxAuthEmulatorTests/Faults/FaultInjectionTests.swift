import BoxAuthEmulator
import BoxAuthTestSupport
import Testing

@Suite("FaultInjection")
struct FaultInjectionTests {
    @Test(
        "reads KIND[=VALUE][:COUNT]",
        arguments: [
            ("429", FaultInjection(fault: .tooManyRequests(retryAfter: .seconds(1)), count: 1)),
            ("429:2", FaultInjection(fault: .tooManyRequests(retryAfter: .seconds(1)), count: 2)),
            ("429=30:3", FaultInjection(fault: .tooManyRequests(retryAfter: .seconds(30)), count: 3)),
            ("429-date", FaultInjection(fault: .tooManyRequests(retryAfter: .httpDate(secondsAhead: 1)))),
            ("429-date=2:4", FaultInjection(fault: .tooManyRequests(retryAfter: .httpDate(secondsAhead: 2)), count: 4)),
            ("429-bare", FaultInjection(fault: .tooManyRequests(retryAfter: nil))),
            ("500", FaultInjection(fault: .status(500))),
            ("502:1", FaultInjection(fault: .status(502))),
            ("503:3", FaultInjection(fault: .status(503), count: 3)),
            ("504", FaultInjection(fault: .status(504))),
            ("401", FaultInjection(fault: .status(401))),
            ("close:1", FaultInjection(fault: .closeConnection)),
            ("CLOSE", FaultInjection(fault: .closeConnection)),
            ("stall", FaultInjection(fault: .stall())),
            ("stall=5:2", FaultInjection(fault: .stall(answeringAfter: .seconds(5)), count: 2)),
            ("stall=0.5", FaultInjection(fault: .stall(answeringAfter: .milliseconds(500)))),
            ("truncated", FaultInjection(fault: .truncatedJSON)),
            ("html", FaultInjection(fault: .html)),
            ("no-token", FaultInjection(fault: .missingAccessToken)),
            ("jti:2", FaultInjection(fault: .replayedJWTID, count: 2)),
        ])
    func parses(text: String, expected: FaultInjection) throws {
        #expect(try FaultInjection(parsing: text) == expected)
    }

    @Test(
        "descriptions read back as the same fault",
        arguments: [
            "429:2", "429=30:1", "429-date=3:2", "429-bare:1", "503:3", "close:1", "stall:1", "stall=5:1",
            "stall=0.5:1", "truncated:1", "html:1", "no-token:1", "jti:1",
        ])
    func roundTrip(text: String) throws {
        let injection = try FaultInjection(parsing: text)
        #expect(try FaultInjection(parsing: injection.description) == injection)
    }

    @Test(
        "refuses what does not follow the syntax, saying how to write it",
        arguments: [
            "", "teapot", "429:0", "429:-1", "429:x", "429=soon", "close=1", "html=2", "200", "600", "99",
            "stall=never", "stall=-1", "503=1",
        ])
    func refuses(text: String) {
        let error = #expect(throws: FaultInjection.SyntaxError.self) { try FaultInjection(parsing: text) }
        #expect(error?.description.contains("KIND[=VALUE][:COUNT]") == true)
        #expect(error?.text == text)
    }

    @Test("a count below 1 becomes 1")
    func minimumCount() {
        #expect(FaultInjection(fault: .html, count: 0).count == 1)
    }
}
