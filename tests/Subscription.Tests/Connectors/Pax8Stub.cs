using BillingOne.Subscription.Connectors.Pax8;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.Subscription.Tests.Connectors;

/// <summary>
/// A WireMock.Net stand-in for the Pax8 API and its token endpoint, and a <see cref="Pax8Client"/> wired to it
/// the way the service wires it (same registration and factory, with short retry delays).
/// </summary>
public sealed class Pax8Stub : IDisposable
{
    public const string TokenPath = "/oauth/token";
    public const int PageSize = 200;

    private ServiceProvider? services;

    public WireMockServer Server { get; } = WireMockServer.Start();

    public int TokenRequests => Server.LogEntries.Count(entry => entry.RequestMessage.Path == TokenPath);

    public int RequestsTo(string path) => Server.LogEntries.Count(entry => entry.RequestMessage.Path == path);

    public Pax8Client CreateClient(TimeProvider? timeProvider = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        if (timeProvider is not null)
        {
            collection.AddSingleton(timeProvider);
        }
        collection.AddPax8Connector();
        collection.Configure<Pax8ConnectorOptions>(options =>
        {
            options.BaseAddress = new Uri(Server.Url!);
            options.TokenUrl = new Uri(Server.Url + TokenPath);
            options.ClientId = "billingone-tests";
            options.ClientSecret = "stub-secret";
            options.PageSize = PageSize;
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
        });
        services = collection.BuildServiceProvider();
        var factory = services.GetRequiredService<Pax8ClientFactory>();
        return factory.Create(factory.ConnectionFor(factory.Defaults!));
    }

    /// <summary>Every token request gets <paramref name="token"/>.</summary>
    public void GivenToken(string token = "token-1", int expiresIn = 86_400) =>
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(TokenResponse(token, expiresIn));

    public static IResponseBuilder TokenResponse(string token, int expiresIn = 86_400) =>
        Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            access_token = token, token_type = "Bearer", expires_in = expiresIn,
        });

    /// <summary>Page <paramref name="number"/> of <paramref name="resource"/> answers <paramref name="body"/>.</summary>
    public void GivenPage(string resource, int number, object body) =>
        Server.Given(PageRequest(resource, number)).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(body));

    public static IRequestBuilder PageRequest(string resource, int number) =>
        Request.Create().WithPath($"/v1/{resource}").WithParam("page", number.ToString())
            .WithParam("size", PageSize.ToString()).UsingGet();

    /// <summary>A page as Pax8 answers it, with metadata that matches the request.</summary>
    public static object Page(int number, int totalElements, IEnumerable<object> content) => new
    {
        content,
        page = new
        {
            size = PageSize,
            totalElements,
            totalPages = (totalElements + PageSize - 1) / PageSize,
            number,
        },
    };

    public static Dictionary<string, object?> Subscription(int seed) => new()
    {
        ["id"] = IdOf(seed),
        ["companyId"] = IdOf(1_000_000 + seed % 7),
        ["productId"] = IdOf(2_000_000 + seed % 3),
        ["quantity"] = 1 + seed % 40,
        ["price"] = 18.70m,
        ["currencyCode"] = "AUD",
        ["billingTerm"] = seed % 2 == 0 ? "Monthly" : "Annual",
        ["status"] = "Active",
        ["createdDate"] = "2025-01-10T00:00:00Z",
        ["startDate"] = "2025-01-12T00:00:00Z",
        ["endDate"] = null,
    };

    /// <summary>A stable id per number, so expectations can name items.</summary>
    public static Guid IdOf(int number) => new($"00000000-0000-4000-8000-{number:D12}");

    public void Dispose()
    {
        services?.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
