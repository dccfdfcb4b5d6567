using Microsoft.Net.Http.Headers;

namespace BillingOne.Gateway.Authentication;

public enum CredentialKind
{
    ApiKey,
    SessionToken,
}

/// <summary>The credential a caller sent: an API key or a web session token.</summary>
public sealed record PresentedCredential(CredentialKind Kind, string Value);

/// <summary>What the request's credential headers amount to: nothing, something unusable, or one credential.</summary>
public sealed record CredentialRead(PresentedCredential? Credential, string? Problem)
{
    public bool IsMissing => Credential is null && Problem is null;
}

/// <summary>
/// Reads the caller's credential from <c>Authorization: Bearer &lt;api key or session token&gt;</c> or
/// <c>X-Api-Key: &lt;api key&gt;</c>. API keys are told apart from session tokens by their <c>bo_</c> prefix.
/// </summary>
public static class CallerCredentials
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";

    public static CredentialRead Read(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        var apiKeyHeader = request.Headers[ApiKeyHeader];
        if (authorization.Count > 1 || apiKeyHeader.Count > 1)
        {
            return new CredentialRead(null, "Send one credential, once.");
        }

        var bearer = authorization.ToString();
        var apiKey = apiKeyHeader.ToString();
        if (bearer.Length == 0 && apiKey.Length == 0)
        {
            return new CredentialRead(null, null);
        }
        if (bearer.Length > 0 && apiKey.Length > 0)
        {
            // Which one would win is a guess the caller should not have to make.
            return new CredentialRead(null, $"Send either the Authorization header or {ApiKeyHeader}, not both.");
        }
        if (apiKey.Length > 0)
        {
            return new CredentialRead(new PresentedCredential(CredentialKind.ApiKey, apiKey.Trim()), null);
        }
        if (!bearer.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || bearer[BearerPrefix.Length..].Trim() is not { Length: > 0 } token)
        {
            return new CredentialRead(null, "The Authorization header must be 'Bearer <API key or session token>'.");
        }

        return new CredentialRead(
            new PresentedCredential(ApiKeyFormat.LooksLikeApiKey(token) ? CredentialKind.ApiKey : CredentialKind.SessionToken, token),
            null);
    }

    /// <summary>Removes the caller's credentials so no service ever sees them: services trust the internal token only.</summary>
    public static void Remove(HttpRequest request)
    {
        request.Headers.Remove(HeaderNames.Authorization);
        request.Headers.Remove(ApiKeyHeader);
    }
}
