using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;token&gt;</c> with a token from <see cref="AccessTokenStore"/>. The
/// caller becomes a principal with the issuing vendor, the client id and one claim per granted scope;
/// each vendor's API then requires its own vendor and scope. Challenges follow RFC 6750 and carry a
/// problem+json body saying what is wrong.
/// </summary>
public sealed class SandboxBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenStore tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SandboxBearer";
    public const string VendorClaim = "vendor";
    public const string ClientIdClaim = "client_id";
    public const string ScopeClaim = "scope";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var issued = tokens.Find(authorization[BearerPrefix.Length..].Trim());
        if (issued is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The access token is unknown or has expired."));
        }

        List<Claim> claims =
        [
            new(VendorClaim, issued.Vendor),
            new(ClientIdClaim, issued.ClientId),
            .. issued.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClientIdClaim, null));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        string detail;
        if (result.Failure is { } failure)
        {
            Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{failure.Message}\"";
            detail = failure.Message + " Request a new one from the token endpoint.";
        }
        else
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            detail = "Send 'Authorization: Bearer <token>' with a token from the vendor's OAuth2 token endpoint.";
        }
        await Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        await Results.Problem(
                "The access token was issued for another vendor or lacks the scope this API requires.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
            .ExecuteAsync(Context);
    }
}
