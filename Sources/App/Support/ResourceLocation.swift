import Foundation

/// Where Lantern's page templates (`Resources/Views`) and static files
/// (`Public`) are, wherever the binary is started from.
///
/// Use ``find(environment:workingDirectory:executable:)`` once at start-up.
/// Contract: the first of these that holds `Resources/Views` wins:
/// 1. `LANTERN_RESOURCES`, when set (and it must then hold them);
/// 2. the working directory (a checkout, as `swift run` uses it);
/// 3. `share/lantern` beside or above the executable's folder (an installed
///    copy: `PREFIX/bin/lantern` with `PREFIX/share/lantern`);
/// 4. the executable's folder and each folder above it (a build inside a
///    checkout: `.build/debug/lantern`).
/// Hidden folders (`~/.local`) are fine anywhere on the way.
struct ResourceLocation: Sendable, Equatable {
    /// The folder holding `Resources/` and `Public/`, ending in `/`.
    let root: String

    var views: String { root + "Resources/Views/" }
    var publicFiles: String { root + "Public/" }

    struct NotFound: Error, CustomStringConvertible {
        let looked: [String]
        var description: String {
            "Lantern's page templates (Resources/Views) were not found. Looked in: "
                + looked.joined(separator: ", ")
                + ". Set LANTERN_RESOURCES to the folder that holds Resources/ and Public/ (scripts/install puts them in PREFIX/share/lantern)."
        }
    }

    static func find(environment: [String: String] = ProcessInfo.processInfo.environment,
                     workingDirectory: String = FileManager.default.currentDirectoryPath,
                     executable: String = CommandLine.arguments.first ?? "") throws -> ResourceLocation {
        if let chosen = environment["LANTERN_RESOURCES"], !chosen.isEmpty {
            let location = ResourceLocation(root: folder(chosen))
            guard holdsViews(location) else { throw NotFound(looked: [chosen]) }
            return location
        }
        var candidates = [folder(workingDirectory)]
        let binary = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
            .resolvingSymlinksInPath().deletingLastPathComponent().standardized
        var above = binary
        var ancestors: [URL] = []
        for _ in 0..<8 {
            ancestors.append(above)
            let parent = above.deletingLastPathComponent()
            if parent.path == above.path { break }
            above = parent
        }
        candidates += ancestors.prefix(2).map { folder($0.appendingPathComponent("share/lantern").path) }
        candidates += ancestors.map { folder($0.path) }
        for candidate in candidates where holdsViews(ResourceLocation(root: candidate)) {
            return ResourceLocation(root: candidate)
        }
        throw NotFound(looked: candidates)
    }

    private static func folder(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path, isDirectory: true).standardized.path
        return standard.hasSuffix("/") ? standard : standard + "/"
    }

    private static func holdsViews(_ location: ResourceLocation) -> Bool {
        FileManager.default.fileExists(atPath: location.views + "base.leaf")
    }
}
