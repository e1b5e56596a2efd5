import Foundation

// The floor of a Swift CLI's start: Foundation loaded, one line printed.
print(ProcessInfo.processInfo.processName)
