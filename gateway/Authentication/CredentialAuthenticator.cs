namespace BillingOne.Gateway.Authentication;

/// <summary>
/// Checks a caller's credential: API keys with the identity service, session tokens by signature and lifetime and
/// then the user with the identity service. Lookups, good and bad, are cached for at most a second
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
        if (await sessions.ValidateAsync(token) is not { } userId)
        {
            return new AuthenticationOutcome.Refused("The session is invalid or has expired: sign in again.");
        }

        return await LookUpAsync($"user:{userId:N}", async ct =>
        {
            var outcome = await identity.CheckSessionAsync(userId, ct);
            if (outcome is AuthenticationOutcome.Refused)
            {
                LogSessionRefused(logger, userId);
            }
            return outcome;
        }, cancellationToken);
    }

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

    [LoggerMessage(LogLevel.Information, "Session of user {UserId} refused: the user may no longer sign in")]
    private static partial void LogSessionRefused(ILogger logger, Guid userId);
}
