using System.Net;
using System.Security.Claims;
using System.Text.Json.Serialization;
using BillingOne.Sandbox.Auth;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// Xero's OAuth2 authorization-code flow under <c>/xero</c>: the consent page (<c>identity/connect/authorize</c>), the
/// token endpoint (<c>authorization_code</c> and rotating <c>refresh_token</c> grants, app credentials in HTTP Basic or
/// the form) and the app's connections. Access tokens come from the sandbox's <see cref="AccessTokenStore"/>, so the
/// bearer handler authenticates them like every other vendor's.
/// </summary>
public static partial class XeroIdentityApi
{
    private const string OfflineAccess = "offline_access";

    public static void MapXeroIdentity(this RouteGroupBuilder xero, XeroOptions options)
    {
        xero.MapGet("/identity/connect/authorize", ShowConsent).AllowAnonymous();
        xero.MapPost("/identity/connect/authorize", GrantConsentAsync).AllowAnonymous();
        xero.MapPost("/identity/connect/token", (HttpRequest request, XeroAuthorizationServer server, AccessTokenStore tokens,
                ILoggerFactory loggers) => IssueTokenAsync(request, options, server, tokens, loggers.CreateLogger(typeof(XeroIdentityApi))))
            .AllowAnonymous();

        xero.MapPost("/identity/connect/revocation", (HttpRequest request, XeroAuthorizationServer server) =>
                RevokeAsync(request, options, server))
            .AllowAnonymous();

        var connections = xero.MapGroup("/connections").RequireAuthorization(XeroAccountingApi.PolicyName);
        connections.MapGet("", (ClaimsPrincipal user, XeroAuthorizationServer server) =>
            TypedResults.Ok(server.ConnectionsOf(ClientIdOf(user))));
        connections.MapDelete("/{id:guid}", (Guid id, ClaimsPrincipal user, XeroAuthorizationServer server) =>
            server.Disconnect(ClientIdOf(user), id) ? Results.NoContent() : Results.NotFound());
    }

    public static string ClientIdOf(ClaimsPrincipal user) =>
        user.FindFirstValue(SandboxBearerHandler.ClientIdClaim)
        ?? throw new InvalidOperationException("Xero's API is for authenticated apps only.");

    /// <summary>
    /// The page a user sees after "Connect to Xero": the tenant and the scopes asked for, with an Allow access button
    /// that posts the same parameters back. A bad request is shown, never redirected, as Xero does.
    /// </summary>
    private static IResult ShowConsent(HttpRequest request, IOptions<XeroOptions> options)
    {
        var query = request.Query;
        if (InvalidAuthorizeRequest(options.Value, query["response_type"], query["client_id"], query["redirect_uri"]) is { } error)
        {
            return Results.Content(Page("Error", $"<p>{Encode(error)}</p>"), "text/html", statusCode: StatusCodes.Status400BadRequest);
        }
        var hidden = string.Concat(new[] { "response_type", "client_id", "redirect_uri", "scope", "state" }
            .Select(name => $"<input type=\"hidden\" name=\"{name}\" value=\"{Encode(query[name].ToString())}\">"));
        var body = $"""
            <h1>{Encode(query["client_id"].ToString())} wants to access {Encode(options.Value.TenantName)}</h1>
            <p>Scopes: {Encode(query["scope"].ToString())}</p>
            <form method="post" action="authorize">{hidden}
              <label>Organisation <select name="tenant"><option>{Encode(options.Value.TenantName)}</option></select></label>
              <button type="submit" name="decision" value="allow">Allow access</button>
              <button type="submit" name="decision" value="deny">Cancel</button>
            </form>
            """;
        return Results.Content(Page("Xero sandbox: allow access", body), "text/html");
    }

    /// <summary>Allow redirects with a new code and the caller's state; Cancel with <c>error=access_denied</c>.</summary>
    private static async Task<IResult> GrantConsentAsync(HttpRequest request, IOptions<XeroOptions> options,
        XeroAuthorizationServer server)
    {
        var form = request.HasFormContentType
            ? await request.ReadFormAsync(request.HttpContext.RequestAborted)
            : FormCollection.Empty;
        var redirectUri = form["redirect_uri"].ToString();
        if (InvalidAuthorizeRequest(options.Value, form["response_type"], form["client_id"], redirectUri) is { } error)
        {
            return Results.Content(Page("Error", $"<p>{Encode(error)}</p>"), "text/html", statusCode: StatusCodes.Status400BadRequest);
        }
        var state = WebUtility.UrlEncode(form["state"].ToString());
        if (form["decision"] != "allow")
        {
            return Results.Redirect($"{redirectUri}{Separator(redirectUri)}error=access_denied&state={state}");
        }
        var scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var code = server.IssueCode(form["client_id"].ToString(), redirectUri, scopes);
        return Results.Redirect(
            $"{redirectUri}{Separator(redirectUri)}code={code}&scope={WebUtility.UrlEncode(string.Join(' ', scopes))}&state={state}");
    }

    /// <summary>
    /// RFC 7009 as Xero runs it: the app (in HTTP Basic or the form) posts <c>token</c>, a refresh token, and gets 200
    /// whether or not the token was live, so the answer reveals nothing about other apps' tokens.
    /// </summary>
    private static async Task<IResult> RevokeAsync(HttpRequest request, XeroOptions options, XeroAuthorizationServer server)
    {
        var (form, clientId, error) = await ReadAppFormAsync(request, options);
        if (error is not null)
        {
            return error;
        }
        server.Revoke(form["token"].ToString(), clientId);
        return Results.Ok();
    }

    /// <summary>
    /// The form of a request to the identity server and the app that sent it, credentials in HTTP Basic or else in the
    /// form; or the OAuth error to answer when the body is no form or the app is not registered.
    /// </summary>
    private static async Task<(IFormCollection Form, string ClientId, IResult? Error)> ReadAppFormAsync(
        HttpRequest request, XeroOptions options)
    {
        if (!request.HasFormContentType)
        {
            return (FormCollection.Empty, "", ClientCredentialsTokenEndpoint.Error(StatusCodes.Status400BadRequest,
                "invalid_request", "Send the request as application/x-www-form-urlencoded."));
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (!ClientCredentialsTokenEndpoint.TryReadBasicCredentials(request, out var clientId, out var clientSecret))
        {
            clientId = form["client_id"].ToString();
            clientSecret = form["client_secret"].ToString();
        }
        return ClientCredentialsTokenEndpoint.IsRegistered(options.Clients, clientId, clientSecret)
            ? (form, clientId, null)
            : (form, clientId, ClientCredentialsTokenEndpoint.Error(StatusCodes.Status400BadRequest, "invalid_client",
                "The client id is not registered or the client secret is wrong."));
    }

    private static async Task<IResult> IssueTokenAsync(HttpRequest request, XeroOptions options,
        XeroAuthorizationServer server, AccessTokenStore tokens, ILogger logger)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var (form, clientId, error) = await ReadAppFormAsync(request, options);
        if (error is not null)
        {
            return error;
        }
        var grant = form["grant_type"].ToString() switch
        {
            "authorization_code" => server.RedeemCode(form["code"].ToString(), clientId, form["redirect_uri"].ToString()),
            "refresh_token" => server.RedeemRefreshToken(form["refresh_token"].ToString(), clientId),
            _ => null,
        };
        if (grant is null)
        {
            LogGrantRefused(logger, clientId, form["grant_type"].ToString());
            return form["grant_type"] == "authorization_code" || form["grant_type"] == "refresh_token"
                ? ClientCredentialsTokenEndpoint.Error(StatusCodes.Status400BadRequest, "invalid_grant",
                    "The code or refresh token is unknown, expired, revoked or already used.")
                : ClientCredentialsTokenEndpoint.Error(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                    "Use grant_type=authorization_code or refresh_token.");
        }

        var accessToken = tokens.Issue(XeroAccountingApi.Vendor, clientId, grant.Scopes, options.TokenLifetime);
        var refreshToken = grant.Scopes.Contains(OfflineAccess) ? server.IssueRefreshToken(grant) : null;
        return Results.Json(new TokenResponse(accessToken, refreshToken, (int)options.TokenLifetime.TotalSeconds, "Bearer",
            string.Join(' ', grant.Scopes)));
    }

    private static string? InvalidAuthorizeRequest(XeroOptions options, string? responseType, string? clientId, string? redirectUri)
    {
        if (responseType != "code")
        {
            return "response_type must be code.";
        }
        if (!options.Clients.Any(client => client.ClientId == clientId))
        {
            return $"Unknown client_id '{clientId}'.";
        }
        // Any absolute http(s) address is accepted: the apps run on loopback ports chosen at start.
        return Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : "redirect_uri must be an absolute http or https address.";
    }

    private static char Separator(string uri) => uri.Contains('?') ? '&' : '?';

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body>{body}</body></html>";

    [LoggerMessage(Level = LogLevel.Information, Message = "Xero sandbox refused a {GrantType} grant for client {ClientId}")]
    private static partial void LogGrantRefused(ILogger logger, string clientId, string grantType);

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("scope")] string Scope);
}
