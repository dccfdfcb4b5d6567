using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BillingOne.Web.Authentication;
using Polly;

namespace BillingOne.Web.Api;

/// <summary>
/// Typed client of the gateway's HTTP API (base address <c>http://gateway</c>, resolved by service discovery).
/// Every call carries the signed-in user's session token as a bearer token (from the scope's
/// <see cref="SessionTokenHolder"/>). Every failure, whether an error answer or an unreachable gateway, surfaces
/// as <see cref="ApiProblemException"/> so pages have one thing to catch and show; a 401 also tells the holder
/// that the session is over.
/// </summary>
public sealed partial class GatewayClient(HttpClient http, SessionTokenHolder session, ILogger<GatewayClient> logger)
{
    public const string SignInPath = "auth/sign-in";
    public const string SessionPath = "auth/session";
    public const string TwoFactorSignInPath = "auth/sign-in/two-factor";
    public const string CreateClientPath = "api/subscription/clients";
    public const string UsersPath = "api/identity/users";
    public const string OrganizationPath = "api/identity/organization";
    public const string ApiKeysPath = "api/identity/api-keys";

    public const string ForwardedForHeader = "X-Forwarded-For";
    public const string UserAgentHeader = "User-Agent";

    public const string SessionEndedTitle = "Your session has ended. Sign in again.";

    /// <summary>
    /// Exchanges credentials for a session; sent without a token (there is none yet). The browser's address goes
    /// along as X-Forwarded-For: the gateway limits attempts per source, and without it every sign-in through the
    /// UI would share the web app's own address, so one person's failures would lock everyone out. The browser's
    /// User-Agent goes along too, so the session lists the browser rather than the web app's HTTP client.
    /// </summary>
    public Task<SignInResponse> SignInAsync(string email, string password, Guid? organizationId,
        IPAddress? browserAddress, string? browserUserAgent, CancellationToken cancellationToken) =>
        SendAsync<SignInResponse>(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, SignInPath)
                {
                    Content = Json(new SignInRequest(email, password, organizationId)),
                };
                AddBrowser(request, browserAddress, browserUserAgent);
                return request;
            },
            authenticated: false,
            cancellationToken);

    /// <summary>The sign-in's second step for a user with two-factor on: the password step's challenge and the code.</summary>
    public Task<SignInResponse> SignInWithCodeAsync(Guid challenge, string code, IPAddress? browserAddress,
        string? browserUserAgent, CancellationToken cancellationToken) =>
        SendAsync<SignInResponse>(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, TwoFactorSignInPath)
                {
                    Content = Json(new TwoFactorSignInRequest(challenge, code)),
                };
                AddBrowser(request, browserAddress, browserUserAgent);
                return request;
            },
            authenticated: false,
            cancellationToken);

    private static void AddBrowser(HttpRequestMessage request, IPAddress? browserAddress, string? browserUserAgent)
    {
        if (browserAddress is not null)
        {
            request.Headers.Add(ForwardedForHeader, browserAddress.ToString());
        }
        if (!string.IsNullOrWhiteSpace(browserUserAgent))
        {
            // Without validation: it is passed on as the browser sent it, not parsed.
            request.Headers.TryAddWithoutValidation(UserAgentHeader, browserUserAgent);
        }
    }

    /// <summary>
    /// Ends the scope's session on the server (the gateway has the identity service delete it), so the token, and a
    /// copy of the cookie that holds it, is refused from now on.
    /// </summary>
    public Task SignOutAsync(CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Delete, SessionPath), cancellationToken);

    public Task<PagedList<ClientListItem>> GetClientsAsync(ClientListQuery query, CancellationToken cancellationToken) =>
        SendAsync<PagedList<ClientListItem>>(() => new HttpRequestMessage(HttpMethod.Get, query.ToRequestUri()), cancellationToken);

    public Task<CreatedClient> CreateClientAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<CreatedClient>(
            () => new HttpRequestMessage(HttpMethod.Post, CreateClientPath) { Content = Json(new CreateClientRequest(name)) },
            cancellationToken);

    public Task<PagedList<ClientRecord>> GetClientRecordsAsync(ClientRecordQuery query, CancellationToken cancellationToken) =>
        SendAsync<PagedList<ClientRecord>>(() => new HttpRequestMessage(HttpMethod.Get, query.ToRequestUri()), cancellationToken);

    /// <summary>Includes the client in billing again, or excludes it (its history is kept); repeating it changes nothing.</summary>
    public Task<ClientRecord> SetClientEnabledAsync(Guid clientId, bool enabled, CancellationToken cancellationToken) =>
        SendAsync<ClientRecord>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{CreateClientPath}/{clientId}/{(enabled ? "enable" : "disable")}"),
            cancellationToken);

    public Task<IReadOnlyList<TeamUser>> GetUsersAsync(CancellationToken cancellationToken) =>
        GetListAsync<TeamUser>(UsersPath, cancellationToken);

    public Task<TeamUser> CreateUserAsync(CreateUserRequest user, CancellationToken cancellationToken) =>
        SendAsync<TeamUser>(
            () => new HttpRequestMessage(HttpMethod.Post, UsersPath) { Content = Json(user) }, cancellationToken);

    public Task<TeamUser> UpdateUserAsync(Guid userId, UpdateUserRequest change, CancellationToken cancellationToken) =>
        SendAsync<TeamUser>(
            () => new HttpRequestMessage(HttpMethod.Patch, $"{UsersPath}/{userId}") { Content = Json(change) },
            cancellationToken);

    public Task SetUserEnabledAsync(Guid userId, bool enabled, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Post, $"{UsersPath}/{userId}/{(enabled ? "enable" : "disable")}"),
            cancellationToken);

    /// <summary>Removes a member's lost authenticator and signs them out everywhere (an admin's action).</summary>
    public Task<TeamUser> ResetUserTwoFactorAsync(Guid userId, CancellationToken cancellationToken) =>
        SendAsync<TeamUser>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{UsersPath}/{userId}/two-factor/reset"), cancellationToken);

    public Task<Organization> GetOrganizationAsync(CancellationToken cancellationToken) =>
        SendAsync<Organization>(() => new HttpRequestMessage(HttpMethod.Get, OrganizationPath), cancellationToken);

    public Task<Organization> SetRequireTwoFactorAsync(bool required, CancellationToken cancellationToken) =>
        SendAsync<Organization>(
            () => new HttpRequestMessage(HttpMethod.Patch, OrganizationPath) { Content = Json(new RequireTwoFactorRequest(required)) },
            cancellationToken);

    public Task<Organization> UpdateOrganizationAsync(UpdateOrganizationRequest change, CancellationToken cancellationToken) =>
        SendAsync<Organization>(
            () => new HttpRequestMessage(HttpMethod.Patch, OrganizationPath) { Content = Json(change) }, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> GetApiKeysAsync(CancellationToken cancellationToken) =>
        GetListAsync<ApiKey>(ApiKeysPath, cancellationToken);

    public Task<CreatedApiKey> CreateApiKeyAsync(CreateApiKeyRequest key, CancellationToken cancellationToken) =>
        SendAsync<CreatedApiKey>(
            () => new HttpRequestMessage(HttpMethod.Post, ApiKeysPath) { Content = Json(key) }, cancellationToken);

    public Task ApplyApiKeyActionAsync(Guid keyId, ApiKeyAction action, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(
                HttpMethod.Post, $"{ApiKeysPath}/{keyId}/{action.ToString().ToLower(CultureInfo.InvariantCulture)}"),
            cancellationToken);

    public Task<PagedList<AuditEntry>> GetAuditLogAsync(AuditLogQuery query, CancellationToken cancellationToken) =>
        SendAsync<PagedList<AuditEntry>>(() => new HttpRequestMessage(HttpMethod.Get, query.ToRequestUri()), cancellationToken);

    public Task<PagedList<Suppression>> GetSuppressionsAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        SendAsync<PagedList<Suppression>>(
            () => new HttpRequestMessage(HttpMethod.Get, SuppressionPaths.List(page, pageSize)), cancellationToken);

    public Task<Suppression> CreateSuppressionAsync(CreateSuppressionRequest rule, CancellationToken cancellationToken) =>
        SendAsync<Suppression>(
            () => new HttpRequestMessage(HttpMethod.Post, SuppressionPaths.Suppressions) { Content = Json(rule) },
            cancellationToken);

    public Task DeleteSuppressionAsync(Guid ruleId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, $"{SuppressionPaths.Suppressions}/{ruleId}"), cancellationToken);

    /// <summary>A file the gateway serves, its body still to be read, for the caller to pass on and dispose.</summary>
    public async Task<HttpResponseMessage> OpenDownloadAsync(string uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendCheckedAsync(
            request, authenticated: true, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
    }

    private static JsonContent Json<T>(T body) => JsonContent.Create(body, options: JsonSerializerOptions.Web);

    /// <summary>
    /// A short list (users, keys): read as a JSON array, or as the <c>items</c> of a paged answer, so that either
    /// shape of the service's list endpoint works.
    /// </summary>
    private async Task<IReadOnlyList<T>> GetListAsync<T>(string path, CancellationToken cancellationToken)
    {
        var list = await SendAsync<JsonElement>(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        var items = list.ValueKind == JsonValueKind.Object && list.TryGetProperty("items", out var paged) ? paged : list;
        try
        {
            return items.Deserialize<List<T>>(JsonSerializerOptions.Web) ?? throw new JsonException("The list was null.");
        }
        catch (JsonException exception)
        {
            throw Unreadable(exception, HttpMethod.Get, new Uri(path, UriKind.Relative), HttpStatusCode.OK);
        }
    }

    private Task<T> SendAsync<T>(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        SendAsync<T>(createRequest, authenticated: true, cancellationToken);

    private async Task<T> SendAsync<T>(
        Func<HttpRequestMessage> createRequest, bool authenticated, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        using var response = await SendCheckedAsync(request, authenticated, cancellationToken);
        T? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw Unreadable(exception, request.Method, request.RequestUri, response.StatusCode);
        }

        return body ?? throw Unreadable(
            new JsonException("The body was empty."), request.Method, request.RequestUri, response.StatusCode);
    }

    /// <summary>For state changes whose answer the page does not need (it reloads the list instead).</summary>
    private async Task SendWithoutAnswerAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        using var response = await SendCheckedAsync(request, authenticated: true, cancellationToken);
    }

    /// <param name="completion">When the answer counts as received: by default once its body is read; a download
    /// passed on to the browser takes it at its headers, so its body streams rather than being held in memory.</param>
    private async Task<HttpResponseMessage> SendCheckedAsync(
        HttpRequestMessage request, bool authenticated, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        if (authenticated && session.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Gateway call {Method} {Uri} failed", request.Method, request.RequestUri);
            throw new ApiProblemException(ApiProblem.Unreachable(exception.Message), exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await ApiProblem.FromResponseAsync(response, cancellationToken);
            logger.LogWarning(
                "Gateway call {Method} {Uri} answered {StatusCode}: {Title}",
                request.Method, request.RequestUri, (int)response.StatusCode, problem.Title);
            if (authenticated && response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The token expired or the user lost access; whatever the page shows, the user must sign in again.
                session.ReportExpired();
                problem = problem with { Title = SessionEndedTitle };
            }

            throw new ApiProblemException(problem);
        }
    }

    /// <summary>A contract mismatch between the UI and a service: say so instead of crashing the circuit.</summary>
    private ApiProblemException Unreadable(JsonException exception, HttpMethod method, Uri? uri, HttpStatusCode status)
    {
        logger.LogError(exception, "Gateway call {Method} {Uri} answered an unreadable body", method, uri);
        return new ApiProblemException(
            new ApiProblem("The server's answer could not be read.", exception.Message, (int)status,
                new Dictionary<string, string[]>()),
            exception);
    }

    /// <summary>
    /// Connection failures, timeouts (HttpClient's or the resilience pipeline's) and an open circuit breaker;
    /// not the caller giving up, which must stay a cancellation.
    /// </summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
