import BoxAuth
import BoxAuthTestSupport
import BoxAuthURLSession
import Foundation
import Testing

@Suite("box-auth emulator: faults and clock offset")
struct EmulatorCommandTests {
    @Test("--help documents the fault syntax and the clock offset")
    func help() async throws {
        let result = try await ProductProcess.boxAuth(["emulator", "--help"])
        #expect(result.status == 0)
        for text in ["--fault", "KIND[=VALUE][:COUNT]", "429-date", "stall=S", "no-token", "--clock-offset"] {
            #expect(result.stdout.contains(text), "help lacks \(text)")
        }
    }

    @Test(
        "a --fault that does not follow the syntax is refused with the syntax",
        arguments: ["teapot", "429:0", "close=2"])
    func badFault(text: String) async throws {
        let result = try await ProductProcess.boxAuth(["emulator", "--port", "0", "--fault", text])
        #expect(result.status != 0)
        #expect(result.stderr.contains("KIND[=VALUE][:COUNT]"), "\(result.stderr)")
    }

    @Test("queued faults answer the first token requests in order, on a clock 300 s ahead", .timeLimit(.minutes(1)))
    func faultsServed() async throws {
        try await EmulatorFixture.withCLI { fixture in
            let output = fixture.folder.appendingPathComponent("emulator.out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            let process = Process()
            process.executableURL = ProductProcess.productsDirectory.appendingPathComponent("box-auth")
            process.arguments = [
                "emulator", "--port", "0", "--app", fixture.folder.appendingPathComponent("box_config.json").path,
                "--fault", "503", "--fault", "429=2:1", "--clock-offset", "300",
            ]
            process.standardOutput = handle
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer {
                process.terminate()
                try? handle.close()
            }

            let baseURL = try await listeningURL(in: output)
            var statuses: [Int] = []
            for _ in 0..<3 {
                let sent = Date()
                let response = try await URLSessionTransport().send(tokenRequest(baseURL: baseURL))
                let received = Date()
                statuses.append(response.status)
                let date = try #require(response.header("date").flatMap(HTTPDate.parse))
                // The answer was dated between sending and receiving, on a clock 300 s ahead (whole seconds).
                let ahead = sent.addingTimeInterval(299)...received.addingTimeInterval(301)
                #expect(ahead.contains(date), "Date \(date) is not 300 s ahead")
                if response.status == 429 { #expect(response.header("retry-after") == "2") }
            }
            #expect(statuses == [503, 429, 200])
            let printed = String(decoding: try Data(contentsOf: output), as: UTF8.self)
            #expect(printed.contains("queued fault 503 for 1 token request(s)"))
            #expect(printed.contains("queued fault 429=2 for 1 token request(s)"))
        }
    }

    /// Waits until the emulator prints the URL it listens on.
    private func listeningURL(in output: URL) async throws -> URL {
        while true {
            let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
            if let range = text.range(of: "listening on ") {
                let rest = text[range.upperBound...].prefix { !$0.isWhitespace }
                if let url = URL(string: String(rest)) { return url }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the emulator never listened"])
    }

    /// A client credentials request for the fixture's app.
    private func tokenRequest(baseURL: URL) -> TransportRequest {
        let form = [
            ("grant_type", "client_credentials"), ("client_id", TestIdentity.clientID),
            ("client_secret", TestIdentity.clientSecret), ("box_subject_type", "enterprise"),
            ("box_subject_id", TestIdentity.enterpriseID),
        ]
        return TransportRequest(
            method: "POST", url: baseURL.appendingPathComponent("oauth2").appendingPathComponent("token"),
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: FormEncoding.encode(form),
            timeout: 60)
    }
}
