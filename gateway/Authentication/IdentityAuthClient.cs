using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Security;

namespace BillingOne.Gateway.Authentication;

/// <summary>
/// The identity service's internal auth endpoints (it owns organizations, users and API keys). Each call carries an internal
/// token of role <c>service</c>, the only role those endpoints accept.
/// </summary>
public sealed partial class IdentityAuthClient(
    HttpClient http,
    SigningKeys keys,
    TimeProvider clock,
    ILogger<IdentityAuthClient> logger)
{
    /// <summary>Logical address, resolved by service discovery (<c>services__identity__http__0</c>).</summary>
    public static readonly Uri ServiceAddress = new("http://identity");

    /// <summary>A lookup holds up the caller's request: past this the caller gets 503 rather than waiting on.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public const string VerifyApiKeyPath = "/internal/auth/api-keys/verify";
    public const string SignInPath = "/internal/auth/sign-in";
    public const string TwoFactorSignInPath = "/internal/auth/sign-in/two-factor";
    public const string SessionsPath = "/internal/auth/sessions";

    /// <summary>The gateway acting for itself: no organization, no user.</summary>
    private static readonly InternalTokenClaims GatewayItself =
        new(Guid.Empty, Roles.Service, ActorTypes.Service, Guid.Empty, "gateway");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<AuthenticationOutcome> VerifyApiKeyAsync(string key, CancellationToken cancellationToken) =>
        LookUpAsync(
            () => new HttpRequestMessage(HttpMethod.Post, VerifyApiKeyPath)
            {
                Content = JsonContent.Create(new ApiKeyVerificationRequest(key), options: Json),
            },
            "API key",
            async (response, ct) =>
            {
                var verified = await response.Content.ReadFromJsonAsync<VerifiedApiKey>(Json, ct)
                    ?? throw new JsonException("The answer is empty.");
                return Roles.ApiKeyRoles.Contains(verified.Role)
                    ? new AuthenticationOutcome.Authenticated(new InternalTokenClaims(
                        verified.OrgId, verified.Role, ActorTypes.ApiKey, verified.KeyId, verified.Name, verified.ClientId))
                    : UnknownRole("API key", verified.Role);
            },
            cancellationToken);

    /// <summary>Whether the session is still open and its user may still act, with their current organization, role,
    /// name and the session's client scope.</summary>
    public Task<AuthenticationOutcome> CheckSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        LookUpAsync(
            () => new HttpRequestMessage(HttpMethod.Get, $"{SessionsPath}/{sessionId:D}"),
            "session",
            async (response, ct) =>
            {
                var user = await response.Content.ReadFromJsonAsync<DirectoryUser>(Json, ct)
                    ?? throw new JsonException("The answer is empty.");
                if (!user.Enabled)
                {
                    return new AuthenticationOutcome.Refused("The user is disabled.");
                }
                // The session's client scope (chosen by the user) narrows every service's lists like a scoped key's.
                return Roles.UserRoles.Contains(user.Role)
                    ? new AuthenticationOutcome.Authenticated(new InternalTokenClaims(
                        user.OrgId, user.Role, ActorTypes.User, user.Id, user.Name, user.ClientScope, sessionId),
                        user.TwoFactorEnrollmentRequired)
                    : UnknownRole("user", user.Role);
            },
            cancellationToken);

    /// <summary>Ends a session on the server (sign-out); false when the identity service could not be asked.</summary>
    public async Task<bool> EndSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"{SessionsPath}/{sessionId:D}");
            using var response = await SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
            LogUnexpectedStatus(logger, "sign-out", (int)response.StatusCode);
        }
        catch (Exception exception) when (IsUnavailability(exception, cancellationToken))
        {
            LogUnreachable(logger, exception, "sign-out");
        }
        return false;
    }

    public Task<SignInResult> SignInAsync(SignInRequest credentials, CancellationToken cancellationToken) =>
        SignInAsync(SignInPath, JsonContent.Create(credentials, options: Json), cancellationToken);

    /// <summary>The sign-in's second step: the challenge of the password step and the user's authenticator code.</summary>
    public Task<SignInResult> SignInWithCodeAsync(TwoFactorSignInRequest code, CancellationToken cancellationToken) =>
        SignInAsync(TwoFactorSignInPath, JsonContent.Create(code, options: Json), cancellationToken);

    private async Task<SignInResult> SignInAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            using var response = await SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted && path == SignInPath)
            {
                var challenge = await response.Content.ReadFromJsonAsync<TwoFactorChallenge>(Json, cancellationToken)
                    ?? throw new JsonException("The answer is empty.");
                return new SignInResult.TwoFactorRequired(challenge);
            }
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var session = await response.Content.ReadFromJsonAsync<OpenedSession>(Json, cancellationToken)
                    ?? throw new JsonException("The answer is empty.");
                if (!Roles.UserRoles.Contains(session.Role))
                {
                    LogUnknownRole(logger, "user", session.Role);
                    return new SignInResult.Unavailable();
                }
                return new SignInResult.SignedIn(session);
            }
            if (SignInResult.Rejected.PassedThrough.Contains(response.StatusCode))
            {
                return new SignInResult.Rejected(
                    response.StatusCode,
                    response.Content.Headers.ContentType,
                    await response.Content.ReadAsByteArrayAsync(cancellationToken),
                    response.Headers.RetryAfter);
            }

            LogUnexpectedStatus(logger, "sign-in", (int)response.StatusCode);
            return new SignInResult.Unavailable();
        }
        catch (Exception exception) when (IsUnavailability(exception, cancellationToken))
        {
            LogUnreachable(logger, exception, "sign-in");
            return new SignInResult.Unavailable();
        }
    }

    private async Task<AuthenticationOutcome> LookUpAsync(
        Func<HttpRequestMessage> createRequest,
        string credential,
        Func<HttpResponseMessage, CancellationToken, Task<AuthenticationOutcome>> readSuccess,
        CancellationToken cancellationToken)
    {
        try
        {
            using var request = createRequest();
            using var response = await SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await readSuccess(response, cancellationToken);
            }
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                return new AuthenticationOutcome.Refused($"The {credential} is unknown, disabled or revoked.");
            }

            LogUnexpectedStatus(logger, $"{credential} check", (int)response.StatusCode);
        }
        catch (Exception exception) when (IsUnavailability(exception, cancellationToken))
        {
            LogUnreachable(logger, exception, $"{credential} check");
        }
        return new AuthenticationOutcome.Unavailable($"The {credential} could not be checked right now.");
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            InternalTokens.Issue(GatewayItself, keys.InternalToken, clock.GetUtcNow()));
        return http.SendAsync(request, cancellationToken);
    }

    private AuthenticationOutcome UnknownRole(string credential, string role)
    {
        // Never forward a role the services do not know (above all not "service"): the directory is misbehaving.
        LogUnknownRole(logger, credential, role);
        return new AuthenticationOutcome.Unavailable($"The {credential} could not be checked right now.");
    }

    /// <summary>
    /// The identity service is down, slow or answered nonsense; the caller's own cancellation is not one of these.
    /// </summary>
    private static bool IsUnavailability(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or JsonException or NotSupportedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(LogLevel.Error, "The identity service could not be reached for a {Operation}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string operation);

    [LoggerMessage(LogLevel.Error, "The identity service answered a {Operation} with {StatusCode}")]
    private static partial void LogUnexpectedStatus(ILogger logger, string operation, int statusCode);

    [LoggerMessage(LogLevel.Error, "The identity service gave a {Credential} the role '{Role}', which the gateway does not forward")]
    private static partial void LogUnknownRole(ILogger logger, string credential, string role);
}
