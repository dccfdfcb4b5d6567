using System.Text.Json;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Orchestration;
using BillingOne.AppHost.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.AppHost.Tests;

public sealed class DemoDataHookTests : IDisposable
{
    private const string ScriptPath = "scripts/seed.sh";

    private static readonly AppHostSecrets Secrets = new(
        "internal-token-key-value", "session-key-value", "owner-password", "bo_demo0001_0123456789abcdefghijABCDEFGHIJ01");

    private readonly TemporaryRepository _repository = new("demo-data");
    private readonly RingBuffer<LogLine> _log = new(100);
    private readonly ILoggerFactory _loggers;

    public DemoDataHookTests() =>
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(new RecordingLoggerProvider(_log)));

    public void Dispose()
    {
        _loggers.Dispose();
        _repository.Dispose();
    }

    private DemoDataHook Hook() => new(_repository.Plan(new() { ["AppHost:DemoDataScript"] = ScriptPath }), Secrets,
        _loggers.CreateLogger<DemoDataHook>());

    private IEnumerable<string> Logged(LogStream stream) =>
        _log.Latest().Where(line => line.Stream == stream).Select(line => line.Text);

    [Fact]
    public void The_script_gets_the_gateway_the_admin_api_key_the_data_directory_and_the_build_configuration()
    {
        var plan = _repository.Plan();

        var environment = DemoDataHook.EnvironmentFor(plan, Secrets);

        environment["BILLINGONE_GATEWAY_URL"].ShouldBe("http://127.0.0.1:5100/");
        environment["BILLINGONE_DASHBOARD_URL"].ShouldBe("http://127.0.0.1:5101/");
        environment["BILLINGONE_ADMIN_API_KEY"].ShouldBe(Secrets.AdminApiKey);
        environment["BILLINGONE_DATA_DIR"].ShouldBe(Path.Combine(_repository.Root, ".data", "apphost"));
        environment["BILLINGONE_BUILD_CONFIGURATION"].ShouldBe("Debug");
        environment.Values.ShouldNotContain(Secrets.InternalTokenSigningKey);
        environment.Values.ShouldNotContain(Secrets.SessionSigningKey);
    }

    [Fact]
    public async Task Runs_the_configured_script_from_the_repository_with_that_environment()
    {
        var seen = Path.Combine(_repository.Root, "seen.txt");
        WriteScript($"""
            printf '%s\n' "$PWD" "$BILLINGONE_GATEWAY_URL" "$BILLINGONE_ADMIN_API_KEY" "$BILLINGONE_DATA_DIR" > "{seen}"
            """);

        await Hook().RunAsync(CancellationToken.None);

        File.ReadAllLines(seen).ShouldBe(
        [
            _repository.Root,
            "http://127.0.0.1:5100/",
            Secrets.AdminApiKey,
            Path.Combine(_repository.Root, ".data", "apphost"),
        ]);
    }

    [Fact]
    public async Task A_failing_script_is_reported_without_stopping_the_apphost()
    {
        WriteScript("echo 'seeding went wrong' >&2; exit 3");

        await Hook().RunAsync(CancellationToken.None);

        Logged(LogStream.StandardError).ShouldContain("[seed] seeding went wrong");
        Logged(LogStream.StandardError).ShouldContain(line => line.Contains("failed with exit code 3"));
    }

    [Fact]
    public async Task Without_the_script_nothing_is_seeded()
    {
        await Hook().RunAsync(CancellationToken.None);

        Logged(LogStream.StandardOutput).ShouldContain(line => line.StartsWith("No demo-data script at"));
    }

    [Fact]
    public void An_empty_script_on_the_command_line_turns_seeding_off()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(["--AppHost:BuildConfiguration", "Debug", "--AppHost:DemoDataScript", ""])
            .Build();

        AppHostPlan.Create(configuration, _repository.AppBaseDirectory).DemoDataScript.ShouldBeNull();
    }

    [Fact]
    public void The_default_run_seeds_with_the_repository_s_demo_data_script()
    {
        var repository = RealRepositoryRoot();
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(repository, "AppHost", "appsettings.json")));
        var configured = settings.RootElement.GetProperty("AppHost").GetProperty("DemoDataScript").GetString().ShouldNotBeNull();

        configured.ShouldBe("scripts/seed-demo-data.sh");
        var script = Path.Combine(repository, configured);
        File.Exists(script).ShouldBeTrue();
        File.ReadAllText(script).ShouldContain("BillingOne.DemoSeeder.dll");
    }

    private void WriteScript(string body)
    {
        var path = Path.Combine(_repository.Root, ScriptPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/usr/bin/env bash\nset -euo pipefail\n" + body + "\n");
    }

    private static string RealRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, AppHostPlan.SolutionFileName)))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No {AppHostPlan.SolutionFileName} above {AppContext.BaseDirectory}.");
    }

    /// <summary>Keeps what the hook logs, warnings and errors as standard error.</summary>
    private sealed class RecordingLoggerProvider(RingBuffer<LogLine> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new OutputCapturingLogger(NullLogger.Instance, log);

        public void Dispose()
        {
        }
    }
}
