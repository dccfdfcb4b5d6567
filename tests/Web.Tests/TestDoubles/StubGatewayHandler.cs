using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>A request the stub received, with its body read before the client disposed it.</summary>
/// <param name="Authorization">The Authorization header as sent, e.g. "Bearer token".</param>
/// <param name="ForwardedFor">The X-Forwarded-For header as sent.</param>
/// <param name="UserAgent">The User-Agent header as sent.</param>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? Authorization, string? ForwardedFor,
    string? UserAgent = null)
{
    public string Path => Uri.AbsolutePath;

    public IReadOnlyDictionary<string, string> Query =>
        QueryHelpers.ParseQuery(Uri.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
}

/// <summary>
/// The gateway's HTTP API as a test double: answers each method and path with a configured responder and
/// records every request so tests can assert the query string and body the UI sent.
/// </summary>
public sealed class StubGatewayHandler : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, Func<RecordedRequest, Task<HttpResponseMessage>> Respond)> routes = [];
    private readonly List<RecordedRequest> requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToList();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(HttpMethod method, string path) =>
        Requests.Where(request => request.Method == method && request.Path == path).ToList();

    public StubGatewayHandler On(HttpMethod method, string path, Func<RecordedRequest, HttpResponseMessage> respond) =>
        OnAsync(method, path, request => Task.FromResult(respond(request)));

    /// <summary>An answer that comes later, e.g. once the test has looked at the page while it waits.</summary>
    public StubGatewayHandler OnAsync(HttpMethod method, string path, Func<RecordedRequest, Task<HttpResponseMessage>> respond)
    {
        // Later registrations win, so a test can change the answer midway.
        lock (routes)
        {
            routes.Insert(0, (method, path, respond));
        }

        return this;
    }

    public StubGatewayHandler OnGetClients(Func<RecordedRequest, HttpResponseMessage> respond) =>
        On(HttpMethod.Get, "/api/projection/clients", respond);

    public StubGatewayHandler OnCreateClient(Func<RecordedRequest, HttpResponseMessage> respond) =>
        On(HttpMethod.Post, "/api/subscription/clients", respond);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            body,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("X-Forwarded-For", out var forwardedFor) ? string.Join(", ", forwardedFor) : null,
            request.Headers.TryGetValues("User-Agent", out var userAgent) ? string.Join(" ", userAgent) : null);
        lock (requests)
        {
            requests.Add(recorded);
        }

        Func<RecordedRequest, Task<HttpResponseMessage>>? respond;
        lock (routes)
        {
            respond = routes.FirstOrDefault(route => route.Method == request.Method && route.Path == recorded.Path).Respond;
        }

        return respond is null ? new HttpResponseMessage(HttpStatusCode.NotFound) : await respond(recorded);
    }
}

/// <summary>Answers shaped like the services': JSON with web (camelCase) names, and problem+json errors.</summary>
public static class GatewayResponses
{
    /// <summary>A service's CSV export as the gateway passes it on.</summary>
    public static HttpResponseMessage Csv(string csv)
    {
        var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(csv, Encoding.UTF8) };
        answer.Content.Headers.ContentType = new("text/csv");
        return answer;
    }

    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };

    public static HttpResponseMessage ClientPage(IReadOnlyList<object> items, int page = 1, int pageSize = 25, long? totalCount = null) =>
        Json(new { items, page, pageSize, totalCount = totalCount ?? items.Count });

    /// <summary>A row as the projection service's ClientSnapshotResponse spells it.</summary>
    public static object Client(
        string name, decimal mrr = 0m, string? currency = "AUD", int subscriptions = 0, int devices = 0,
        int licenses = 0, string status = "no-data", bool enabled = true, Guid? clientId = null, int userLicenses = 0) =>
        new
        {
            clientId = clientId ?? Guid.NewGuid(),
            name,
            enabled,
            timeZone = "Australia/Sydney",
            mrr = new { amount = mrr, currency },
            subscriptions,
            devices,
            licenses,
            userLicenses,
            variance = status == "no-data" ? (int?)null : devices - licenses,
            status,
            updatedAt = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        };

    /// <summary>The subscription service's 201 answer to a create (its ClientResponse).</summary>
    public static HttpResponseMessage CreatedClient(Guid id, string name) =>
        Json(new
        {
            id,
            name,
            enabled = true,
            timeZone = "UTC",
            version = 1,
            createdAt = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero),
            updatedAt = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero),
        }, HttpStatusCode.Created);

    /// <summary>The gateway's answer to a successful <c>POST /auth/sign-in</c>.</summary>
    public static HttpResponseMessage SignedIn(
        string sessionToken, string role = "owner", string name = "Olivia Owner", Guid? userId = null,
        DateTimeOffset? expiresAt = null) =>
        Json(new
        {
            sessionToken,
            expiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddHours(8),
            user = new
            {
                id = userId ?? Guid.NewGuid(),
                name,
                email = "owner@demo.billingone.dev",
                orgId = Guid.Parse("0b111111-0000-4000-8000-000000000001"),
                role,
            },
        });

    /// <summary>A user as the identity service's users API spells it.</summary>
    public static object User(
        string name, string email, string role = "finance", bool enabled = true, DateTimeOffset? lastSignInAt = null,
        Guid? id = null, bool twoFactorEnabled = false) =>
        new
        {
            id = id ?? Guid.NewGuid(),
            email,
            name,
            role,
            enabled,
            lastSignInAt,
            createdAt = new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero),
            twoFactorEnabled,
        };

    /// <summary>An API key as the identity service's api-keys API spells it (never the plain key).</summary>
    public static object ApiKey(
        string name, string role = "read-only", Guid? clientId = null, bool enabled = true, DateTimeOffset? revokedAt = null,
        DateTimeOffset? lastUsedAt = null, Guid? id = null, string prefix = "bo_a1b2c3d4", DateTimeOffset? createdAt = null,
        string? clientName = null) =>
        new
        {
            id = id ?? Guid.NewGuid(),
            name,
            prefix,
            role,
            clientId,
            clientName,
            enabled,
            revokedAt,
            lastUsedAt,
            createdAt = createdAt ?? new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero),
        };

    /// <summary>One entry of the projection's audit log.</summary>
    public static object AuditEntry(
        long id, string action = "update", string table = "clients", string recordId = "42", Guid? apiKeyId = null,
        object? oldValues = null, object? newValues = null, DateTimeOffset? createdAt = null, string actorType = "user",
        Guid? actorId = null, string service = "subscription") =>
        new
        {
            id,
            service,
            action,
            table,
            recordId,
            actorType,
            actorId = actorId ?? Guid.Parse("5a000000-0000-4000-8000-000000000001"),
            apiKeyId,
            oldValues,
            newValues,
            createdAt = createdAt ?? new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero),
        };

    public static HttpResponseMessage AuditPage(IReadOnlyList<object> items, int page = 1, int pageSize = 50, long? totalCount = null) =>
        Json(new { items, page, pageSize, totalCount = totalCount ?? items.Count });

    public static HttpResponseMessage Problem(
        HttpStatusCode status, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110",
            ["title"] = title,
            ["status"] = (int)status,
            ["detail"] = detail,
        };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        return new HttpResponseMessage(status)
        {
            Content = JsonContent.Create(body, mediaType: new("application/problem+json"), options: JsonSerializerOptions.Web),
        };
    }
}
