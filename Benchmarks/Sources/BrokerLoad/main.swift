import BoxAuthBroker
import BoxAuthEmulator
import Foundation
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

// Benchmark 11: the token broker under load. In one process: an emulator sandbox, a TokenBroker
// (Unix socket and loopback TCP) serving a `jwt` profile, and a bare Hummingbird route answering a
// constant JSON of the broker's answer's size on another socket and port; a SwiftNIO load generator
// (keep-alive connections, one request outstanding each) measures a warm token GET on each, then a
// cold herd on a fresh broker. See Benchmarks/README.md, "Token broker (benchmark 11)".
//
//   BrokerLoad [--seconds 10] [--warmup 2] [--connections 64] [--rounds 1] [--herd 1000]
//              [--client-threads 2] [--audit] [--serve-only]
//
// --rounds N runs the four measurements N times (the bare route first in every other round) and
// reports medians, and the median of the rounds' ratios. --audit logs the broker's audit line per
// request at info to stderr, as `box-auth serve` does by default (off: the bare route logs nothing).

struct Options {
    var seconds = 10
    var warmUp = 2
    var connections = 64
    var herd = 1000
    var clientThreads = 2
    var rounds = 1
    var audit = false
    var serveOnly = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func number(_ flag: String) throws -> Int {
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else { throw LoadError("\(flag) takes a positive number") }
            return value
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--seconds": seconds = try number(flag)
            case "--warmup": warmUp = try number(flag)
            case "--connections": connections = try number(flag)
            case "--herd": herd = try number(flag)
            case "--client-threads": clientThreads = try number(flag)
            case "--rounds": rounds = try number(flag)
            case "--audit": audit = true
            case "--serve-only": serveOnly = true
            default: throw LoadError("unknown option \(flag)")
            }
        }
    }
}

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
}

/// Raises the soft descriptor limit to the hard one; returns the soft limit then in force.
func raiseDescriptorLimit() -> Int {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    _ = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    return Int(limit.rlim_cur)
}

/// The broker's answer with its token replaced by as many `x`s: valid JSON of the same size.
func sameSizedConstant(_ answer: [UInt8]) throws -> [UInt8] {
    guard let object = try JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any],
        let token = object["access_token"] as? String, !token.isEmpty
    else { throw LoadError("the broker's answer has no access_token: \(String(decoding: answer, as: UTF8.self))") }
    let text = String(decoding: answer, as: UTF8.self).replacingOccurrences(of: token, with: String(repeating: "x", count: token.count))
    return Array(text.utf8)
}

func format(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }

let options = try Options(Array(CommandLine.arguments.dropFirst()))
let descriptorLimit = raiseDescriptorLimit()
var quiet = Logger(label: "broker-load")
quiet.logLevel = .error
// With --audit, the audit lines go through AuditLogHandler to stderr, as `box-auth serve` writes them.
var brokerLogger = Logger(label: "box-auth.broker")
if options.audit {
    brokerLogger = Logger(label: "box-auth.audit", factory: { label in AuditLogHandler(label: label, level: Logger.Level.info) })
}
brokerLogger.logLevel = options.audit ? .info : .warning

var template = Array("/tmp/bl-XXXXXX".utf8CString)
guard let made = mkdtemp(&template) else { throw LoadError("cannot make a folder in /tmp") }
let folder = String(cString: made)

let sandbox = try await EmulatorSandbox.start(configuration: .init(logger: quiet))
let profiles = try BrokerUnderTest.writeProfiles(in: sandbox)
let broker = try await BrokerUnderTest.start(profiles: profiles, folder: folder + "/broker", logger: brokerLogger)
let clients = MultiThreadedEventLoopGroup(numberOfThreads: options.clientThreads)
let path = "/v1/profiles/service/token"
let socketHeaders = [("Host", "localhost"), ("Box-Auth-Broker", "1")]
let tcpHeaders = socketHeaders + [("Authorization", "Bearer \(broker.secret)")]

// One GET fills the broker's cache and gives the size of the bare route's constant.
let probe = try await LoadGenerator(group: clients, path: path, headers: socketHeaders)
    .run(.socket(broker.endpoints.socketPath), connections: 1, warmUp: .zero, duration: .zero)
guard probe.nonOK == 0 else { throw LoadError("the broker answered \(probe.firstNonOKStatus ?? 0) to the first GET") }
let constant = try sameSizedConstant(probe.firstBody)
let bare = try await BareServer.start(socketPath: folder + "/bare.sock", body: constant, logger: quiet)

if options.serveOnly {
    say("BROKER_SOCKET=\(broker.endpoints.socketPath)")
    say("BROKER_PORT=\(broker.endpoints.port ?? 0)")
    say("BROKER_SECRET=\(broker.secret)")
    say("BARE_SOCKET=\(bare.socketPath)")
    say("BARE_PORT=\(bare.port)")
    say("FOLDERS=\(folder) \(sandbox.folder.path)")  // for the caller to delete after killing this process
    say("BODY_BYTES=\(constant.count)")
    while true { try await Task.sleep(for: .seconds(3600)) }
}

say("BrokerLoad: \(options.connections) keep-alive connections, one request outstanding each, \(options.warmUp) s warm-up + \(options.seconds) s measured per run")
say("answer body: broker \(probe.firstBody.count) bytes, bare constant \(constant.count) bytes; client event loops: \(options.clientThreads); audit log: \(options.audit ? "on (info)" : "off")")

struct Row {
    let summary: LoadSummary
    let load: String
}
let runs: [(name: String, endpoint: LoadEndpoint, headers: [(String, String)])] = [
    ("broker, socket", .socket(broker.endpoints.socketPath), socketHeaders),
    ("bare, socket", .socket(bare.socketPath), socketHeaders),
    ("broker, TCP", .tcp(port: broker.endpoints.port ?? 0), tcpHeaders),
    ("bare, TCP", .tcp(port: bare.port), tcpHeaders),
]
// rounds[r][name]: each round runs the four back to back, the bare route first in odd rounds.
var rounds: [[String: Row]] = []
for round in 0..<options.rounds {
    say("round \(round + 1) of \(options.rounds):")
    var rows: [String: Row] = [:]
    let order = round % 2 == 0 ? [0, 1, 2, 3] : [1, 0, 3, 2]
    for run in order.map({ runs[$0] }) {
        let generator = LoadGenerator(group: clients, path: path, headers: run.headers)
        let summary = try await generator.run(
            run.endpoint, connections: options.connections, warmUp: .seconds(Int64(options.warmUp)),
            duration: .seconds(Int64(options.seconds)))
        guard summary.nonOK == 0 else {
            throw LoadError("\(run.name): \(summary.nonOK) answers were not 200 (first: \(summary.firstNonOKStatus ?? 0))")
        }
        let row = Row(summary: summary, load: loadAverage())
        rows[run.name] = row
        say("  \(run.name): \(format(summary.requestsPerSecond)) req/s, p50 \(format(summary.p50)) µs, p99 \(format(summary.p99)) µs, max \(format(summary.maximum)) µs (\(summary.requests) requests; load \(row.load))")
    }
    for listener in ["socket", "TCP"] {
        let broker = rows["broker, \(listener)"]!.summary
        let bare = rows["bare, \(listener)"]!.summary
        say("  \(listener): throughput broker/bare \(format(broker.requestsPerSecond / bare.requestsPerSecond, 2))×, p50 broker/bare \(format(broker.p50 / bare.p50, 2))×")
    }
    rounds.append(rows)
}

/// The median of `values` (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

say("")
say(options.rounds == 1 ? "Result:" : "Result, medians of \(options.rounds) rounds:")
say("")
say("| run | requests/s | p50 µs | p99 µs |")
say("|---|---|---|---|")
for run in runs {
    let summaries = rounds.map { $0[run.name]!.summary }
    say("| \(run.name) | \(format(median(summaries.map(\.requestsPerSecond)))) | \(format(median(summaries.map(\.p50)))) | \(format(median(summaries.map(\.p99)))) |")
}
say("")
for listener in ["socket", "TCP"] {
    let pairs = rounds.map { ($0["broker, \(listener)"]!.summary, $0["bare, \(listener)"]!.summary) }
    let throughput = median(pairs.map { $0.requestsPerSecond / $1.requestsPerSecond })
    let latency = median(pairs.map { $0.p50 / $1.p50 })
    let tail = median(pairs.map { $0.p99 / $1.p99 })
    say("\(listener): throughput broker/bare \(format(throughput, 2))× (target ≥ 0.70: \(throughput >= 0.7 ? "PASS" : "MISS")), p50 broker/bare \(format(latency, 2))× (target ≤ 1.30: \(latency <= 1.3 ? "PASS" : "MISS")), p99 broker/bare \(format(tail, 2))×")
}

// The cold herd: a fresh broker (empty cache), as many connections as the descriptor limit allows
// (two descriptors each in this process, client and server side), one GET each, all at once.
await broker.stop()
await bare.stop()
let herdSize = min(options.herd, (descriptorLimit - 256) / 2)
let fresh = try await BrokerUnderTest.start(profiles: profiles, folder: folder + "/herd", logger: brokerLogger)
let before = await sandbox.emulator.counters.tokenRequests
let herd = try await LoadGenerator(group: clients, path: path, headers: socketHeaders).connect(herdSize, to: .socket(fresh.endpoints.socketPath))
let herdStart = NIODeadline.now()
let herdResults = LoadSummary(try await herd.start(measureFrom: herdStart, stopAt: herdStart), seconds: 1)
let asked = await sandbox.emulator.counters.tokenRequests - before
await herd.close()
say("")
say("cold herd: \(herdSize) connections over the socket (descriptor limit \(descriptorLimit)), one GET each at once: \(herdResults.requests) answers, \(herdResults.nonOK) not 200; requests to Box: \(asked) (target 1: \(asked == 1 ? "PASS" : "MISS")); latency p50 \(format(herdResults.p50 / 1000, 1)) ms, p99 \(format(herdResults.p99 / 1000, 1)) ms, max \(format(herdResults.maximum / 1000, 1)) ms; load \(loadAverage())")

await fresh.stop()
try await clients.shutdownGracefully()
await sandbox.stop()
try? FileManager.default.removeItem(atPath: folder)
