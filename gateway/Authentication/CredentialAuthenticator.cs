namespace BillingOne.Gateway.Authentication;

/// <summary>
/// Checks a caller's credential: API keys with the identity service, session tokens by signature and lifetime and
/// then the session (signed out, idle, too old) and its user with the identity service. Lookups, good and bad, are cached for at most a second
/// (<see cref="LookupCache"/>), so revoking a key or disabling a user takes effect within one second.
/// </summary>
public sealed partial class CredentialAuthenticator(
    IdentityAuthClient identity,
    SessionTokens sessions,
    LookupCache cache,
    ILogger<CredentialAuthenticator> logger)
{
    public Task<AuthenticationOutcome> AuthenticateAsync(PresentedCredential credential, CancellationToken cancellationToken) =>
        credential.Kind == CredentialKind.ApiKey
            ? AuthenticateApiKeyAsync(credential.Value, cancellationToken)
            : AuthenticateSessionAsync(credential.Value, cancellationToken);

    private async Task<AuthenticationOutcome> AuthenticateApiKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.IsWellFormed(key))
        {
            return new AuthenticationOutcome.Refused("The API key is not a BillingOne API key (bo_<prefix>_<secret>).");
        }

        var cacheKey = $"api-key:{ApiKeyFormat.Hash(key)}";
        return await LookUpAsync(cacheKey, async ct =>
        {
            var outcome = await identity.VerifyApiKeyAsync(key, ct);
            if (outcome is AuthenticationOutcome.Refused)
            {
                LogApiKeyRefused(logger, ApiKeyFormat.VisiblePrefix(key));
            }
            return outcome;
        }, cancellationToken);
    }

    private async Task<AuthenticationOutcome> AuthenticateSessionAsync(string token, CancellationToken cancellationToken)
    {
        if (await sessions.ValidateAsync(token) is not { } sessionId)
        {
            return new AuthenticationOutcome.Refused("The session is invalid or has expired: sign in again.");
        }

        return await LookUpAsync(SessionCacheKey(sessionId), async ct =>
        {
            var outcome = await identity.CheckSessionAsync(sessionId, ct);
            if (outcome is AuthenticationOutcome.Refused)
            {
                LogSessionRefused(logger, sessionId);
            }
            return outcome;
        }, cancellationToken);
    }

    /// <summary>Where a session's lookup is remembered; sign-out forgets it at once.</summary>
    public static string SessionCacheKey(Guid sessionId) => $"session:{sessionId:N}";

    private async Task<AuthenticationOutcome> LookUpAsync(
        string cacheKey, Func<CancellationToken, Task<AuthenticationOutcome>> lookUp, CancellationToken cancellationToken)
    {
        if (cache.TryGet(cacheKey, out var cached))
        {
            return cached;
        }

        var outcome = await lookUp(cancellationToken);
        // An outage is not an answer about the credential: the next request asks again.
        if (outcome is not AuthenticationOutcome.Unavailable)
        {
            cache.Set(cacheKey, outcome);
        }
        return outcome;
    }

    [LoggerMessage(LogLevel.Information, "API key {KeyPrefix} refused")]
    private static partial void LogApiKeyRefused(ILogger logger, string keyPrefix);

    [LoggerMessage(LogLevel.Information, "Session {SessionId} refused: it has ended or its user may no longer sign in")]
    private static partial void LogSessionRefused(ILogger logger, Guid sessionId);
}
