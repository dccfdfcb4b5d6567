using Microsoft.Extensions.Logging;

namespace BillingOne.Testing.Servers;

/// <param name="DataDirectory">Folder of this instance (cluster, socket, log); created and owned by the postgres user.</param>
/// <param name="Port">Loopback port to listen on.</param>
/// <param name="Durable">False turns fsync off: for throw-away test data only.</param>
public sealed record PostgresServerOptions(string DataDirectory, int Port, bool Durable = true);

/// <summary>
/// A private PostgreSQL instance on 127.0.0.1 from the machine's binaries (initdb/pg_ctl), next to any
/// system cluster. Starting it again while it runs reuses the running instance.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string binDirectory;
    private readonly string clusterDirectory;

    private PostgresServer(string binDirectory, string clusterDirectory, int port)
    {
        this.binDirectory = binDirectory;
        this.clusterDirectory = clusterDirectory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Trust authentication on loopback: the instance is private to this machine's user.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=30";

    public static async Task<PostgresServer> StartAsync(
        PostgresServerOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var root = Path.GetFullPath(options.DataDirectory);
        var cluster = Path.Combine(root, "cluster");
        Directory.CreateDirectory(root);
        await CommandRunner.ChangeOwnerAsync(ServiceUser, root);

        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            logger.LogInformation("Creating PostgreSQL cluster in {Directory}", cluster);
            await CommandRunner.RunCheckedAsync(ServiceUser, Path.Combine(binDirectory, "initdb"),
                ["-D", cluster, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken: cancellationToken);
        }

        var running = await RunningPortAsync(binDirectory, cluster, cancellationToken);
        if (running is { } existingPort)
        {
            logger.LogInformation("Reusing PostgreSQL already running on port {Port}", existingPort);
            return new PostgresServer(binDirectory, cluster, existingPort);
        }

        var settings = $"-p {options.Port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300"
            + (options.Durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await CommandRunner.RunCheckedAsync(ServiceUser, Path.Combine(binDirectory, "pg_ctl"),
            ["-D", cluster, "-l", Path.Combine(root, "postgresql.log"), "-w", "-t", "60", "-o", settings, "start"],
            cancellationToken: cancellationToken);
        logger.LogInformation("PostgreSQL started on 127.0.0.1:{Port}", options.Port);
        return new PostgresServer(binDirectory, cluster, options.Port);
    }

    public async Task StopAsync()
    {
        await CommandRunner.RunAsync(ServiceUser, Path.Combine(binDirectory, "pg_ctl"),
            ["-D", clusterDirectory, "-m", "fast", "-w", "stop"]);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The port of the instance already running on this cluster, read from postmaster.pid.</summary>
    private static async Task<int?> RunningPortAsync(string binDirectory, string cluster, CancellationToken cancellationToken)
    {
        var status = await CommandRunner.RunAsync(ServiceUser, Path.Combine(binDirectory, "pg_ctl"),
            ["-D", cluster, "status"], cancellationToken: cancellationToken);
        var pidFile = Path.Combine(cluster, "postmaster.pid");
        if (status.ExitCode != 0 || !File.Exists(pidFile))
        {
            return null;
        }
        // postmaster.pid: pid, data directory, start time, port, ...
        var lines = await File.ReadAllLinesAsync(pidFile, cancellationToken);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("BILLINGONE_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        const string installRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(installRoot)
            ? Directory.GetDirectories(installRoot)
                .Select(versionDirectory => Path.Combine(versionDirectory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql: install the 'postgresql' package " +
                "or set BILLINGONE_PG_BIN.");
    }
}
