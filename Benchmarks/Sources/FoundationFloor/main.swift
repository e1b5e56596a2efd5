import Foundation

// The floor for a Swift command-line tool on this machine: start, load Foundation, read the
// environment and a file, print a line. cli.sh compares `box-auth token` with it.
let environment = ProcessInfo.processInfo.environment
let path = CommandLine.arguments.dropFirst().first ?? "/etc/hostname"
let data = FileManager.default.contents(atPath: path) ?? Data()
print("\(environment.count) \(data.count)")
