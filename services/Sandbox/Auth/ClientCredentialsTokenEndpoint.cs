using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Primitives;

namespace BillingOne.Sandbox.Auth;

/// <summary>What one vendor's OAuth2 client-credentials token endpoint accepts and issues.</summary>
/// <param name="DefaultScopes">Granted when the request names no scope.</param>
public sealed record ClientCredentialsGrant(
    string Vendor,
    IReadOnlyList<SandboxClientCredentials> Clients,
    IReadOnlySet<string> AllowedScopes,
    IReadOnlyList<string> DefaultScopes,
    TimeSpan TokenLifetime);

/// <summary>
/// An RFC 6749 §4.4 token endpoint: form-encoded <c>grant_type=client_credentials</c> with the client's
/// credentials in the form or in HTTP Basic. Errors use the RFC's <c>{error, error_description}</c> body
/// rather than problem+json, because that is what OAuth2 clients (and the real vendors) speak.
/// </summary>
public static partial class ClientCredentialsTokenEndpoint
{
    private const string GrantType = "client_credentials";

    public static async Task<IResult> IssueAsync(
        HttpRequest request, ClientCredentialsGrant grant, AccessTokenStore tokens, ILogger logger)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request",
                "Send the token request as application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (!string.Equals(form["grant_type"], GrantType, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                $"Only grant_type={GrantType} is supported.");
        }

        var usedBasic = TryReadBasicCredentials(request, out var clientId, out var clientSecret);
        if (!usedBasic)
        {
            clientId = form["client_id"].ToString();
            clientSecret = form["client_secret"].ToString();
        }
        if (!IsRegistered(grant.Clients, clientId, clientSecret))
        {
            LogClientRejected(logger, grant.Vendor, clientId);
            if (usedBasic)
            {
                request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"sandbox\"";
            }
            return Error(StatusCodes.Status401Unauthorized, "invalid_client",
                "The client id is not registered or the client secret is wrong.");
        }

        var scopes = ParseScopes(form["scope"], grant.DefaultScopes);
        var unknown = scopes.Where(scope => !grant.AllowedScopes.Contains(scope)).ToList();
        if (unknown.Count > 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_scope",
                $"Unknown scope(s): {string.Join(' ', unknown)}. Allowed: {string.Join(' ', grant.AllowedScopes)}.");
        }

        var token = tokens.Issue(grant.Vendor, clientId, scopes, grant.TokenLifetime);
        LogTokenIssued(logger, grant.Vendor, clientId, string.Join(' ', scopes));
        return Results.Json(new TokenResponse(token, "Bearer", (int)grant.TokenLifetime.TotalSeconds,
            string.Join(' ', scopes)));
    }

    /// <summary>
    /// The Auth0-style variant Pax8 runs: a JSON body <c>{grant_type, client_id, client_secret, audience}</c>, where
    /// the audience names the API the token is for. The grant's default scopes are granted.
    /// </summary>
    public static async Task<IResult> IssueForAudienceAsync(
        HttpRequest request, ClientCredentialsGrant grant, string audience, AccessTokenStore tokens, ILogger logger)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        AudienceTokenRequest? body = null;
        if (request.HasJsonContentType())
        {
            try
            {
                body = await request.ReadFromJsonAsync<AudienceTokenRequest>(request.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                // Unreadable JSON is answered below like a missing body.
            }
        }
        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request",
                "Send the token request as an application/json object.");
        }
        if (!string.Equals(body.GrantType, GrantType, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                $"Only grant_type={GrantType} is supported.");
        }
        var clientId = body.ClientId ?? "";
        if (!IsRegistered(grant.Clients, clientId, body.ClientSecret ?? ""))
        {
            LogClientRejected(logger, grant.Vendor, clientId);
            return Error(StatusCodes.Status401Unauthorized, "invalid_client",
                "The client id is not registered or the client secret is wrong.");
        }
        if (!string.Equals(body.Audience, audience, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status403Forbidden, "access_denied",
                $"Unknown audience '{body.Audience}': request a token for '{audience}'.");
        }

        var token = tokens.Issue(grant.Vendor, clientId, grant.DefaultScopes, grant.TokenLifetime);
        var scopes = string.Join(' ', grant.DefaultScopes);
        LogTokenIssued(logger, grant.Vendor, clientId, scopes);
        return Results.Json(new TokenResponse(token, "Bearer", (int)grant.TokenLifetime.TotalSeconds, scopes));
    }

    internal static bool TryReadBasicCredentials(HttpRequest request, out string clientId, out string clientSecret)
    {
        clientId = clientSecret = "";
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return true; // Basic was attempted but is unreadable: treated as wrong credentials.
        }
        var separator = decoded.IndexOf(':');
        if (separator < 0)
        {
            return true;
        }
        // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
        clientId = Uri.UnescapeDataString(decoded[..separator].Replace('+', ' '));
        clientSecret = Uri.UnescapeDataString(decoded[(separator + 1)..].Replace('+', ' '));
        return true;
    }

    /// <summary>Compares hashes in constant time so neither the secret nor its length leaks through timing.</summary>
    internal static bool IsRegistered(IReadOnlyList<SandboxClientCredentials> clients, string clientId, string secret)
    {
        var client = clients.FirstOrDefault(candidate => string.Equals(candidate.ClientId, clientId, StringComparison.Ordinal));
        return client is not null && clientId.Length > 0 && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    private static List<string> ParseScopes(StringValues requested, IReadOnlyList<string> defaults)
    {
        var scopes = requested.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return scopes.Count > 0 ? scopes : [.. defaults];
    }

    internal static IResult Error(int statusCode, string error, string description) =>
        Results.Json(new TokenError(error, description), statusCode: statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Vendor} sandbox issued a token to {ClientId} for scopes '{Scopes}'")]
    private static partial void LogTokenIssued(ILogger logger, string vendor, string clientId, string scopes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Vendor} sandbox rejected the credentials of client '{ClientId}'")]
    private static partial void LogClientRejected(ILogger logger, string vendor, string clientId);

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string Scope);

    public sealed record AudienceTokenRequest(
        [property: JsonPropertyName("grant_type")] string? GrantType,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret,
        [property: JsonPropertyName("audience")] string? Audience);

    public sealed record TokenError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string ErrorDescription);
}
