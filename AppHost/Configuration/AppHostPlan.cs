using System.Data.Common;
using System.Reflection;
using BillingOne.AppHost.LocalServers;
using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost.Configuration;

/// <summary>
/// Everything this run of the AppHost will do, resolved from configuration (appsettings.json, environment,
/// command line) before anything starts, so a wrong setting or a missing build fails at once with a clear message.
/// </summary>
public sealed record AppHostPlan(
    string RepositoryRoot,
    string DataDirectory,
    string BuildConfiguration,
    string EnvironmentName,
    Uri? OtlpEndpoint,
    int DashboardPort,
    IReadOnlyList<ProjectLaunch> Projects,
    PostgresPlan Postgres,
    RabbitMqPlan RabbitMq,
    SupervisionOptions Supervision,
    string? DemoDataScript)
{
    public const string Section = "AppHost";
    public const string SolutionFileName = "BillingOne.sln";
    public const string TargetFramework = "net10.0";
    public const int DefaultDashboardPort = 5101;
    public const int DefaultPostgresPort = 5140;
    public const int DefaultRabbitMqPort = 5141;
    public const int DefaultRabbitMqManagementPort = 5142;
    public const string DashboardPortName = "dashboard";
    public const string PostgresPortName = "postgres";
    public const string RabbitMqPortName = "rabbitmq";
    public const string RabbitMqManagementPortName = "rabbitmq-management";

    public Uri DashboardUri => new($"http://127.0.0.1:{DashboardPort}/");

    public ProjectLaunch Project(string name) =>
        Projects.SingleOrDefault(project => project.Name == name)
        ?? throw new KeyNotFoundException($"No project named '{name}' in this run.");

    /// <param name="configuration">The AppHost's configuration.</param>
    /// <param name="appBaseDirectory">Where the AppHost runs from; the repository is found above it.</param>
    /// <param name="freePort">Chooses a port when one is configured as 0.</param>
    public static AppHostPlan Create(IConfiguration configuration, string appBaseDirectory, Func<int>? freePort = null)
    {
        freePort ??= LoopbackPorts.GetFree;
        var section = configuration.GetSection(Section);
        var ports = section.GetSection("Ports");

        var repositoryRoot = ResolveRepositoryRoot(section["RepositoryRoot"], appBaseDirectory);
        var dataDirectory = Path.GetFullPath(
            NonEmpty(section["DataDirectory"]) ?? Path.Combine(".data", "apphost"), repositoryRoot);
        var buildConfiguration = NonEmpty(section["BuildConfiguration"]) ?? OwnBuildConfiguration();
        var environmentName = NonEmpty(section["Environment"]) ?? "Development";

        int Port(string name, int defaultPort)
        {
            var configured = ports.GetValue<int?>(name) ?? defaultPort;
            return configured switch
            {
                0 => freePort(),
                > 0 and <= 65535 => configured,
                _ => throw new AppHostConfigurationException(
                    $"{Section}:Ports:{name} is {configured}: use a TCP port (1-65535), or 0 for any free port."),
            };
        }

        var projects = ProjectCatalog.All
            .Select(definition => LocateBuildOutput(definition,
                Port(definition.Name, definition.DefaultPort),
                definition.DefaultGrpcPort is { } grpcPort ? Port(definition.GrpcPortName, grpcPort) : null,
                repositoryRoot, buildConfiguration))
            .ToList();
        var postgres = new PostgresPlan(
            ExternalPostgres(configuration.GetConnectionString("postgres")),
            Port(PostgresPortName, DefaultPostgresPort),
            Path.Combine(dataDirectory, "postgres"));
        var rabbitMq = new RabbitMqPlan(
            OptionalUri(configuration.GetConnectionString("rabbitmq"), "ConnectionStrings:rabbitmq"),
            OptionalUri(section["RabbitMqManagementUri"], $"{Section}:RabbitMqManagementUri"),
            Port(RabbitMqPortName, DefaultRabbitMqPort),
            Port(RabbitMqManagementPortName, DefaultRabbitMqManagementPort),
            Path.Combine(dataDirectory, "rabbitmq"),
            NonEmpty(section["RabbitMqNodeName"]) ?? "billingone-apphost");

        var plan = new AppHostPlan(
            repositoryRoot,
            dataDirectory,
            buildConfiguration,
            environmentName,
            OptionalUri(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], "OTEL_EXPORTER_OTLP_ENDPOINT"),
            Port(DashboardPortName, DefaultDashboardPort),
            projects,
            postgres,
            rabbitMq,
            SupervisionFrom(section),
            NonEmpty(section["DemoDataScript"]));
        plan.EnsurePortsAreDistinct();
        return plan;
    }

    /// <summary>The ports this run listens on, by owner (as named in <c>AppHost:Ports</c>), excluding external servers.</summary>
    public IReadOnlyList<(string Owner, int Port)> ListeningPorts()
    {
        var ports = new List<(string, int)> { (DashboardPortName, DashboardPort) };
        foreach (var project in Projects)
        {
            ports.Add((project.Name, project.Port));
            if (project.GrpcPort is { } grpcPort)
            {
                ports.Add((project.Definition.GrpcPortName, grpcPort));
            }
        }
        if (!Postgres.IsExternal)
        {
            ports.Add((PostgresPortName, Postgres.Port));
        }
        if (!RabbitMq.IsExternal)
        {
            ports.Add((RabbitMqPortName, RabbitMq.AmqpPort));
            ports.Add((RabbitMqManagementPortName, RabbitMq.ManagementPort));
        }
        return ports;
    }

    private void EnsurePortsAreDistinct()
    {
        var clash = ListeningPorts().GroupBy(entry => entry.Port).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
        {
            throw new AppHostConfigurationException(
                $"Port {clash.Key} is configured for {string.Join(" and ", clash.Select(entry => entry.Owner))}: " +
                $"give each a different {Section}:Ports:<name>.");
        }
    }

    private static string ResolveRepositoryRoot(string? configured, string appBaseDirectory)
    {
        if (NonEmpty(configured) is { } explicitRoot)
        {
            var fullPath = Path.GetFullPath(explicitRoot);
            return File.Exists(Path.Combine(fullPath, SolutionFileName))
                ? fullPath
                : throw new AppHostConfigurationException(
                    $"{Section}:RepositoryRoot is '{fullPath}', which has no {SolutionFileName}.");
        }

        // The AppHost runs from <repo>/AppHost/bin/<Configuration>/net10.0: the repository is above it.
        for (var directory = new DirectoryInfo(appBaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }
        throw new AppHostConfigurationException(
            $"No {SolutionFileName} found above '{appBaseDirectory}': set {Section}:RepositoryRoot.");
    }

    private static ProjectLaunch LocateBuildOutput(
        ProjectDefinition definition, int port, int? grpcPort, string repositoryRoot, string buildConfiguration)
    {
        var projectDirectory = Path.Combine(repositoryRoot, definition.ProjectDirectory);
        var assemblyPath = Path.Combine(
            projectDirectory, "bin", buildConfiguration, TargetFramework, definition.AssemblyName + ".dll");
        return File.Exists(assemblyPath)
            ? new ProjectLaunch(definition, port, grpcPort, projectDirectory, assemblyPath)
            : throw new AppHostConfigurationException(
                $"The build output of {definition.Name} is missing: {assemblyPath}. " +
                $"Build first: dotnet build {SolutionFileName} -c {buildConfiguration}");
    }

    /// <summary>A server-level connection string; each service's database name is added per child.</summary>
    private static string? ExternalPostgres(string? connectionString)
    {
        if (NonEmpty(connectionString) is not { } value)
        {
            return null;
        }
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = value };
            return value;
        }
        catch (ArgumentException exception)
        {
            throw new AppHostConfigurationException(
                $"ConnectionStrings:postgres is not a valid connection string: {exception.Message}");
        }
    }

    /// <summary>The server-level connection string with <paramref name="database"/> as its database.</summary>
    public static string WithDatabase(string serverConnectionString, string database)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = serverConnectionString };
        builder["Database"] = database;
        return builder.ConnectionString;
    }

    private static SupervisionOptions SupervisionFrom(IConfigurationSection section)
    {
        var defaults = SupervisionOptions.Default;
        var restart = section.GetSection("Restart");
        return defaults with
        {
            Restart = new RestartPolicy(
                restart.GetValue("InitialDelay", defaults.Restart.InitialDelay),
                restart.GetValue("MaxDelay", defaults.Restart.MaxDelay),
                restart.GetValue("StableAfter", defaults.Restart.StableAfter)),
            StartupTimeout = section.GetValue("StartupTimeout", defaults.StartupTimeout),
            StopGracePeriod = section.GetValue("StopGracePeriod", defaults.StopGracePeriod),
            LogCapacity = section.GetValue("LogLinesPerResource", defaults.LogCapacity),
        };
    }

    private static Uri? OptionalUri(string? value, string key)
    {
        if (NonEmpty(value) is not { } text)
        {
            return null;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new AppHostConfigurationException($"{key} is '{text}', which is not an absolute URI.");
    }

    /// <summary>Children are run from the same configuration the AppHost itself was built with.</summary>
    private static string OwnBuildConfiguration() =>
        typeof(AppHostPlan).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is
            { Length: > 0 } configuration
            ? configuration
            : "Debug";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
