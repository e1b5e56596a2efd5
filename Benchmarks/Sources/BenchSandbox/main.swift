import BoxAuth
import BoxAuthEmulator
import Foundation
import Logging

// Starts an emulator sandbox for cli.sh, writes `cli-profiles.json` (profiles with "cache": "file")
// beside its files, prints `FOLDER=` and `PROFILES=` lines, and serves until the process is killed.
var logger = Logger(label: "bench-sandbox")
logger.logLevel = .error
let sandbox = try await EmulatorSandbox.start(configuration: .init(logger: logger))
let base = sandbox.baseURL.absoluteString
let profiles = try sandbox.writeFile(
    "cli-profiles.json",
    """
    {
      "defaultProfile": "jwt",
      "profiles": {
        "jwt": { "provider": "jwt", "configFile": "box_config.json", "algorithm": "RS256", "baseURL": "\(base)", "cache": "file" },
        "client-credentials": { "provider": "client-credentials", "clientID": "\(sandbox.config.clientID)",
          "clientSecret": { "file": "client_secret.txt" }, "enterpriseID": "\(EmulatorSandbox.enterpriseID)",
          "baseURL": "\(base)", "cache": "file" }
      }
    }
    """)
// Unbuffered, so that cli.sh sees the lines while the sandbox runs.
FileHandle.standardOutput.write(Data("FOLDER=\(sandbox.folder.path)\nPROFILES=\(profiles.path)\nBASEURL=\(base)\n".utf8))
while true { try await Task.sleep(for: .seconds(3600)) }
