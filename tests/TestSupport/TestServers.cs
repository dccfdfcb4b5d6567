using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BillingOne.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BillingOne.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ servers tests run against: taken from BILLINGONE_TEST_POSTGRES /
/// BILLINGONE_TEST_RABBITMQ / BILLINGONE_TEST_RABBITMQ_MANAGEMENT when the test command started them, else started
/// privately on loopback under <c>.data/test-servers</c> (shared by every test process of the machine, started once
/// under a file lock). Each test class gets its own database and virtual host, so classes run in parallel.
/// </summary>
public sealed class TestServers
{
    private static readonly Lazy<Task<TestServers>> Instance = new(StartAsync);
    private static readonly HttpClient Management = new();

    private readonly string postgresConnectionString;
    private readonly Uri rabbitMqUri;
    private readonly Uri managementUri;

    private TestServers(string postgresConnectionString, Uri rabbitMqUri, Uri managementUri)
    {
        this.postgresConnectionString = postgresConnectionString;
        this.rabbitMqUri = rabbitMqUri;
        this.managementUri = managementUri;
    }

    public static Task<TestServers> GetAsync() => Instance.Value;

    /// <summary>The management API of the RabbitMQ server (guest on loopback).</summary>
    public Uri RabbitMqManagementUri => managementUri;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = UniqueName(prefix);
        await using (var connection = new NpgsqlConnection(postgresConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(postgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a RabbitMQ virtual host the guest user may use and returns its amqp:// URI.</summary>
    public async Task<Uri> CreateVirtualHostAsync(string prefix)
    {
        var name = UniqueName(prefix);
        var escaped = Uri.EscapeDataString(name);
        await SendManagementAsync(HttpMethod.Put, $"api/vhosts/{escaped}", new { });
        await SendManagementAsync(HttpMethod.Put, $"api/permissions/{escaped}/guest",
            new { configure = ".*", write = ".*", read = ".*" });
        return new UriBuilder(rabbitMqUri) { Path = "/" + escaped }.Uri;
    }

    private async Task SendManagementAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(managementUri, path))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.ASCII.GetBytes(rabbitMqUri.UserInfo)));
        using var response = await Management.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static string UniqueName(string prefix)
    {
        var cleaned = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        return $"t_{cleaned}_{Guid.NewGuid():N}"[..Math.Min(63, cleaned.Length + 35)];
    }

    private static async Task<TestServers> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("BILLINGONE_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("BILLINGONE_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("BILLINGONE_TEST_RABBITMQ_MANAGEMENT");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbit) && !string.IsNullOrEmpty(management))
        {
            return new TestServers(postgres, new Uri(rabbit), new Uri(management));
        }

        var directory = Path.Combine(RepositoryRoot(), ".data", "test-servers");
        Directory.CreateDirectory(directory);
        await using var startLock = await AcquireLockAsync(Path.Combine(directory, "start.lock"));
        var logger = NullLogger.Instance;
        var postgresServer = await PostgresServer.StartAsync(
            new PostgresServerOptions(Path.Combine(directory, "postgres"), LoopbackPorts.GetFree(), Durable: false), logger);
        var rabbitServer = await RabbitMqServer.StartAsync(
            new RabbitMqServerOptions(Path.Combine(directory, "rabbitmq"), "billingone-tests",
                LoopbackPorts.GetFree(), LoopbackPorts.GetFree()), logger);
        return new TestServers(postgresServer.ConnectionString("postgres"), rabbitServer.AmqpUri(),
            rabbitServer.ManagementUri);
    }

    /// <summary>Test assemblies run as parallel processes: only one of them may start the servers.</summary>
    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BillingOne.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("BillingOne.sln not found above " + AppContext.BaseDirectory);
    }
}
