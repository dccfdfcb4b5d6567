namespace BillingOne.Sandbox.Auth;

/// <summary>
/// The OAuth2 resource-owner password grant (RFC 6749 §4.3) as Datto RMM runs it: the API key and secret are the
/// <c>username</c> and <c>password</c> of a form-encoded <c>grant_type=password</c>, and the caller authenticates in HTTP
/// Basic as the vendor's published public client. The grant's <see cref="ClientCredentialsGrant.Clients"/> are the
/// registered API keys.
/// </summary>
public static partial class PasswordGrantTokenEndpoint
{
    private const string GrantType = "password";

    public static async Task<IResult> IssueAsync(HttpRequest request, ClientCredentialsGrant grant,
        SandboxClientCredentials publicClient, AccessTokenStore tokens, ILogger logger)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (!ClientCredentialsTokenEndpoint.TryReadBasicCredentials(request, out var clientId, out var clientSecret)
            || !ClientCredentialsTokenEndpoint.IsRegistered([publicClient], clientId, clientSecret))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"oauth\"";
            return ClientCredentialsTokenEndpoint.Error(StatusCodes.Status401Unauthorized, "invalid_client",
                $"Authenticate in HTTP Basic as the public client '{publicClient.ClientId}'.");
        }
        if (!request.HasFormContentType)
        {
            return ClientCredentialsTokenEndpoint.Error(StatusCodes.Status400BadRequest, "invalid_request",
                "Send the token request as application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (!string.Equals(form["grant_type"], GrantType, StringComparison.Ordinal))
        {
            return ClientCredentialsTokenEndpoint.Error(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                $"Only grant_type={GrantType} is supported.");
        }
        var apiKey = form["username"].ToString();
        if (!ClientCredentialsTokenEndpoint.IsRegistered(grant.Clients, apiKey, form["password"].ToString()))
        {
            LogKeyRejected(logger, grant.Vendor, apiKey);
            return ClientCredentialsTokenEndpoint.Error(StatusCodes.Status400BadRequest, "invalid_grant", "Bad credentials");
        }

        var token = tokens.Issue(grant.Vendor, apiKey, grant.DefaultScopes, grant.TokenLifetime);
        var scopes = string.Join(' ', grant.DefaultScopes);
        LogTokenIssued(logger, grant.Vendor, apiKey, scopes);
        // Datto's (Spring Security) token answer spells the type in lower case.
        return Results.Json(new ClientCredentialsTokenEndpoint.TokenResponse(token, "bearer",
            (int)grant.TokenLifetime.TotalSeconds, scopes));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Vendor} sandbox issued a token to API key {ApiKey} for scopes '{Scopes}'")]
    private static partial void LogTokenIssued(ILogger logger, string vendor, string apiKey, string scopes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Vendor} sandbox rejected API key '{ApiKey}'")]
    private static partial void LogKeyRejected(ILogger logger, string vendor, string apiKey);
}
