using BillingOne.Hosting;
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost;

/// <summary>
/// The AppHost's own settings (section <c>AppHost</c> of appsettings.json, environment or <c>--AppHost:Key=value</c>):
/// the data folder of the private servers and the demo secrets, the fixed ports, and where the servers come from.
/// </summary>
public sealed record AppHostSettings(
    string RepositoryRoot,
    string DataDirectory,
    InfrastructureMode Infrastructure,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlyDictionary<string, int> Replicas,
    bool SeedDemoData,
    bool ExportTelemetry,
    TimeSpan? SandboxChangeInterval,
    LivenessProbeSettings Liveness,
    AppHostSecrets Secrets)
{
    public const string Section = "AppHost";

    /// <summary>The ports that stay the same from run to run; anything else is chosen by Aspire.</summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultPorts = new Dictionary<string, int>
    {
        ["gateway"] = 5100,
        ["gateway-grpc"] = 5104,
        ["postgres"] = 5140,
        ["rabbitmq"] = 5141,
        ["rabbitmq-management"] = 5142,
        ["rabbitmq-dist"] = 5143,
        ["epmd"] = 5144,
        ["smtp-sink"] = 5145,
        ["smtp-sink-web"] = 5146,
    };

    /// <summary>
    /// The services whose every background worker and consumer is safe in several processes at once
    /// (docs/architecture.md, "Running replicas"); only these take <c>AppHost:Replicas:&lt;service&gt;</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> ReplicableServices =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "metering", "ingestion", "subscription", "invoice", "reconciliation",
        };

    public int Port(string name) => Ports[name];

    /// <summary>How many processes of <paramref name="name"/> run behind its proxied endpoints: 1 unless configured.</summary>
    public int ReplicasOf(string name) => Replicas.GetValueOrDefault(name, 1);

    /// <summary>What PostgreSQL and RabbitMQ take from these settings (<see cref="ServerResourceExtensions.AddServers"/>).</summary>
    public ServerOptions ServerOptions => new(Infrastructure, DataDirectory, RepositoryRoot,
        new ServerPorts(Port("postgres"), Port("rabbitmq"), Port("rabbitmq-management"), Port("rabbitmq-dist"), Port("epmd")),
        Secrets.DatabasePassword);

    public static AppHostSettings Load(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(Section);
        var repositoryRoot = Path.GetFullPath(Path.Combine(appHostDirectory, ".."));
        var dataDirectory = Path.GetFullPath(
            section["DataDirectory"] is { Length: > 0 } configured ? configured : Path.Combine(".data", "apphost"),
            repositoryRoot);
        var ports = DefaultPorts.ToDictionary(
            entry => entry.Key,
            entry => section.GetValue<int?>($"Ports:{entry.Key}") is { } port
                ? port is > 0 and <= 65535
                    ? port
                    : throw new InvalidOperationException($"{Section}:Ports:{entry.Key} is {port}: use a TCP port (1-65535).")
                : entry.Value);
        var infrastructure = section["Infrastructure"] is { Length: > 0 } mode
            ? Enum.TryParse<InfrastructureMode>(mode, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:Infrastructure is '{mode}': use auto, containers or executables.")
            : InfrastructureMode.Auto;
        return new AppHostSettings(
            repositoryRoot,
            dataDirectory,
            infrastructure,
            ports,
            LoadReplicas(section.GetSection("Replicas")),
            section.GetValue("SeedDemoData", true),
            section.GetValue("ExportTelemetry", true),
            ChangeInterval(section["SandboxChangeInterval"]),
            LoadLiveness(section.GetSection("Liveness")),
            AppHostSecrets.LoadOrCreate(dataDirectory, configuration));
    }

    private static Dictionary<string, int> LoadReplicas(IConfigurationSection section) =>
        section.GetChildren().ToDictionary(
            child => ReplicableServices.Contains(child.Key)
                ? child.Key
                : throw new InvalidOperationException(
                    $"{Section}:Replicas:{child.Key}: only {string.Join(", ", ReplicableServices)} run as replicas."),
            child => int.TryParse(child.Value, out var count) && count is >= 1 and <= 16
                ? count
                : throw new InvalidOperationException($"{Section}:Replicas:{child.Key} is '{child.Value}': use 1 to 16."),
            StringComparer.OrdinalIgnoreCase);

    /// <summary><c>AppHost:Liveness:PeriodSeconds</c>, <c>TimeoutSeconds</c> and <c>FailureThreshold</c> over the defaults.</summary>
    private static LivenessProbeSettings LoadLiveness(IConfigurationSection section)
    {
        var defaults = LivenessProbeSettings.Default;
        int Whole(string key, int fallback) => section.GetValue<int?>(key) switch
        {
            null => fallback,
            >= 1 and <= 600 and var value => value,
            var value => throw new InvalidOperationException($"{Section}:Liveness:{key} is {value}: use 1 to 600."),
        };
        return new LivenessProbeSettings(
            TimeSpan.FromSeconds(Whole("PeriodSeconds", (int)defaults.Period.TotalSeconds)),
            TimeSpan.FromSeconds(Whole("TimeoutSeconds", (int)defaults.Timeout.TotalSeconds)),
            Whole("FailureThreshold", defaults.FailureThreshold));
    }

    /// <summary>How often the sandbox's vendor world moves on: ten minutes unless configured; <c>off</c> keeps it still.</summary>
    private static TimeSpan? ChangeInterval(string? configured) => configured switch
    {
        null or "" => TimeSpan.FromMinutes(10),
        "off" => null,
        _ when TimeSpan.TryParse(configured, System.Globalization.CultureInfo.InvariantCulture, out var interval)
            && interval > TimeSpan.Zero => interval,
        _ => throw new InvalidOperationException(
            $"{Section}:SandboxChangeInterval is '{configured}': use a positive time span (00:10:00) or off."),
    };
}
