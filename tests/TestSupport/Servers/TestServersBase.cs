using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BillingOne.Hosting;
using Npgsql;

namespace BillingOne.Testing.Servers;

/// <summary>
/// What every kind of test servers does the same way once it knows where the servers are: databases through SQL,
/// virtual hosts through the management API, as the server's own user.
/// </summary>
public abstract class TestServersBase : ITestServers
{
    private static readonly HttpClient Management = new();
    private readonly Uri rabbitMqUri;

    /// <param name="postgresServerConnectionString">A superuser connection to the <c>postgres</c> database.</param>
    /// <param name="rabbitMqUri">amqp URI of the default virtual host, with an administrator's credentials.</param>
    /// <param name="rabbitMqManagementUri">The management API's base address.</param>
    protected TestServersBase(string postgresServerConnectionString, Uri rabbitMqUri, Uri rabbitMqManagementUri)
    {
        PostgresServerConnectionString = postgresServerConnectionString;
        this.rabbitMqUri = rabbitMqUri;
        RabbitMqManagementUri = rabbitMqManagementUri;
    }

    public string PostgresServerConnectionString { get; }

    public Uri RabbitMqManagementUri { get; }

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = UniqueName(prefix);
        await using (var connection = new NpgsqlConnection(PostgresServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresServerConnectionString) { Database = name }.ConnectionString;
    }

    public async Task<ServiceDatabase> CreateServiceDatabaseAsync(string prefix)
    {
        // Room for the roles' "_owner" suffix: longer names would be cut short by the server.
        var name = UniqueName(prefix, 63 - "_owner".Length);
        var ownerPassword = Guid.NewGuid().ToString("N");
        var appPassword = Guid.NewGuid().ToString("N");
        await DatabaseProvisioning.ProvisionAsync(PostgresServerConnectionString, name, ownerPassword, appPassword);
        var server = new NpgsqlConnectionStringBuilder(PostgresServerConnectionString) { Database = name };
        return new ServiceDatabase(
            new NpgsqlConnectionStringBuilder(server.ConnectionString)
            {
                Username = DatabaseProvisioning.AppRole(name), Password = appPassword,
            }.ConnectionString,
            new NpgsqlConnectionStringBuilder(server.ConnectionString)
            {
                Username = DatabaseProvisioning.OwnerRole(name), Password = ownerPassword,
            }.ConnectionString);
    }

    public async Task<Uri> CreateVirtualHostAsync(string prefix)
    {
        var name = Uri.EscapeDataString(UniqueName(prefix));
        // The user the URI carries (guest natively, the container's own user in a container) gets the virtual host.
        var user = rabbitMqUri.UserInfo.Split(':')[0];
        await SendManagementAsync(HttpMethod.Put, $"api/vhosts/{name}", new { });
        await SendManagementAsync(HttpMethod.Put, $"api/permissions/{name}/{user}",
            new { configure = ".*", write = ".*", read = ".*" });
        return new UriBuilder(rabbitMqUri) { Path = "/" + name }.Uri;
    }

    private async Task SendManagementAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(RabbitMqManagementUri, path))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(rabbitMqUri.UserInfo))));
        using var response = await Management.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <param name="maxLength">63 for PostgreSQL's identifiers; less where a role name adds a suffix.</param>
    private static string UniqueName(string prefix, int maxLength = 63)
    {
        var cleaned = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        return $"t_{cleaned}_{Guid.NewGuid():N}"[..Math.Min(maxLength, cleaned.Length + 35)];
    }
}
