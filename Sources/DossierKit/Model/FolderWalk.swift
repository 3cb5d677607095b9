// One readdir walk for the loader's listing and the writer's trees: readdir's entry types spare a stat per
// entry, which FileManager's enumerator does not (tens of thousands of files at the scale of the benchmark).
import Foundation

enum FolderWalk {
    enum Kind {
        case folder
        /// A symbolic link to a folder: never walked into.
        case linkToFolder
        /// Anything else: a file, a link to one (or to nothing), a socket.
        case file
    }

    /// Calls `visit` with the path relative to `folder` and the kind of every entry below it, each folder before
    /// what it holds. A folder is walked into when `visit` returns true for it.
    static func walk(_ folder: String, _ visit: (_ relative: String, _ kind: Kind) -> Bool) {
        walk(folder, "", visit)
    }

    private static func walk(_ folder: String, _ prefix: String, _ visit: (String, Kind) -> Bool) {
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        // d_type values (the same on Linux and Darwin).
        let unknown: UInt8 = 0, directory: UInt8 = 4, link: UInt8 = 10
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = folder + "/" + name
            var kind: Kind = entry.pointee.d_type == directory ? .folder : .file
            var isLink = entry.pointee.d_type == link
            if entry.pointee.d_type == unknown {
                // The file system did not say: ask it.
                var status = stat()
                if lstat(full, &status) == 0 {
                    if (status.st_mode & S_IFMT) == S_IFDIR { kind = .folder }
                    isLink = (status.st_mode & S_IFMT) == S_IFLNK
                }
            }
            if isLink {
                var status = stat()
                if stat(full, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { kind = .linkToFolder }
            }
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            if visit(relative, kind), kind == .folder { walk(full, relative, visit) }
        }
    }
}
