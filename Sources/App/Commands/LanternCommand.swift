import ArgumentParser
import Foundation

/// The `lantern` command line.
public struct LanternCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lantern",
        abstract: "Multi-agency safeguarding information sharing.",
        subcommands: [DemoCommand.self, ServeCommand.self, MigrateCommand.self, InitCommand.self,
                      ImportCommand.self, GenerateCommand.self, UserCommand.self, LinkCommand.self, EncodeCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, TokenCommand.self, WebhookCommand.self, BenchCommand.self, RetentionCommand.self, ReportCommand.self])

    public init() {}

    public static func start() async {
        AppRunner.bootstrapLogging(LanternConfiguration.fromEnvironment().logLevel)
        await main()
    }
}
