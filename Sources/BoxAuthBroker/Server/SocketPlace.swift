import BoxAuth
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the broker's Unix socket lives, and the rules for it: a folder the broker's user owns and
/// nobody else may write (created 0700, or 0710 and the socket's group with `--socket-group`), the
/// socket 0600 (0660), and a socket file already there replaced only when nothing answers on it.
package struct SocketPlace: Sendable {
    /// The socket's path.
    package let path: String
    /// The group that may connect too, if any.
    package let group: UInt32?

    /// `$XDG_RUNTIME_DIR/box-auth/broker.sock`, else `broker.sock` in the state folder
    /// (`$XDG_STATE_HOME/box-auth`, else `~/.local/state/box-auth`).
    package static func defaultPath(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return URL(fileURLWithPath: runtime).appendingPathComponent("box-auth/broker.sock").path
        }
        return FileTokenPairStore.defaultDirectory(environment: environment).appendingPathComponent("broker.sock").path
    }

    /// The longest socket path the system takes (`sun_path`, less its terminating zero).
    package static let maximumPathLength = 103

    /// Checks `path` and prepares its folder.
    /// - Throws: ``TokenBrokerError`` when the path is too long, the folder is another user's, a
    ///   file that is not a socket is in the way, or another broker answers on it.
    package init(path: String, group: UInt32?) throws(TokenBrokerError) {
        self.path = path
        self.group = group
        guard path.utf8.count <= Self.maximumPathLength else {
            throw .unusableSocket(
                path, "the path is longer than \(Self.maximumPathLength) bytes", hint: "Give a shorter --socket.")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try prepare(folder)
        guard let status = FileStatus(path: path) else { return }
        guard status.isSocket else {
            throw .unusableSocket(
                path, "a file that is not a socket is there", hint: "Move it away, or give another --socket.")
        }
        if Self.answers(path) { throw .socketInUse(path) }
    }

    /// Creates the socket's folder (0700, or 0710 and the group) when missing. A folder that is
    /// there already keeps its mode (it may be a home folder or systemd's `RuntimeDirectory`), but
    /// must be the broker's user's and writable by nobody else, or another user could put their
    /// own socket in its place.
    private func prepare(_ folder: URL) throws(TokenBrokerError) {
        let hint = "Give a --socket in a folder you own that others cannot write (the default is "
            + "$XDG_RUNTIME_DIR/box-auth/)."
        let existed = FileStatus(path: folder.path) != nil
        if !existed {
            do {
                try FileManager.default.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unusableSocket(path, "its folder cannot be created", hint: hint)
            }
        }
        guard let status = FileStatus(path: folder.path), status.isDirectory else {
            throw .unusableSocket(path, "its folder is not a folder", hint: hint)
        }
        guard status.owner == FilePermissionCheck.currentUser else {
            throw .unusableSocket(
                path, "its folder \(MessageText.quoted(folder.path)) is owned by "
                    + "\(FilePermissionCheck.userDescription(status.owner)); another user could replace the socket",
                hint: hint)
        }
        guard status.permissions & 0o022 == 0 else {
            throw .unusableSocket(
                path, "its folder \(MessageText.quoted(folder.path)) is writable by others (mode "
                    + "\(String(status.permissions, radix: 8))); another user could replace the socket",
                hint: hint)
        }
        guard !existed else { return }
        if let group {
            guard chown(folder.path, uid_t.max, gid_t(group)) == 0, chmod(folder.path, 0o710) == 0 else {
                throw .unusableSocket(
                    path, "its folder cannot be given to group \(group): \(String(cString: strerror(errno)))",
                    hint: "Run the broker as a member of that group.")
            }
        }
    }

    /// Sets the socket's mode (0600, or 0660 and its group) once it is bound.
    /// - Returns: The socket's inode, to remove only this socket at the end.
    package func secureBoundSocket() throws(TokenBrokerError) -> UInt64 {
        if let group {
            guard chown(path, uid_t.max, gid_t(group)) == 0, chmod(path, 0o660) == 0 else {
                throw .unusableSocket(path, "it cannot be given to group \(group)", hint: "")
            }
        } else if chmod(path, 0o600) != 0 {
            throw .unusableSocket(path, "its mode cannot be set to 0600", hint: "")
        }
        return FileStatus(path: path)?.inode ?? 0
    }

    /// Removes the socket if it is still the one this broker bound.
    package func remove(inode: UInt64) {
        guard let status = FileStatus(path: path), status.isSocket, status.inode == inode else { return }
        unlink(path)
    }

    /// Whether something accepts connections on the socket at `path`.
    package static func answers(_ path: String) -> Bool {
        guard let descriptor = UnixSocketAddress.connect(to: path) else { return false }
        close(descriptor)
        return true
    }
}
