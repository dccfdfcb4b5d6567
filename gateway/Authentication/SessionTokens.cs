using System.Security.Claims;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.Gateway.Authentication;

/// <summary>
/// The web session: a JWT the gateway signs at sign-in with <c>Security:SessionSigningKey</c> (HS256, issuer
/// <c>billingone-gateway</c>, audience <c>billingone-session</c>) naming the identity service's session
/// (<c>sid</c>) and expiring with it. The web app keeps it in its cookie and sends it back as
/// <c>Authorization: Bearer</c>; only the gateway can read or check it. The signature only proves the gateway made
/// it: whether the session is still open (not signed out, idle or too old) is the identity service's to say.
/// </summary>
public sealed class SessionTokens(SigningKeys keys, TimeProvider clock)
{
    public const string Audience = "billingone-session";
    public const string EmailClaim = "email";
    public const string SessionIdClaim = "sid";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public (string Token, DateTimeOffset ExpiresAt) Issue(OpenedSession session)
    {
        var now = clock.GetUtcNow();
        var expiresAt = session.SessionExpiresAt;
        var user = session.User;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = InternalTokens.Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [InternalClaimNames.Subject] = user.Id.ToString(),
                [InternalClaimNames.Organization] = user.OrgId.ToString(),
                [InternalClaimNames.Role] = user.Role,
                [InternalClaimNames.Name] = user.Name,
                [EmailClaim] = user.Email,
                [SessionIdClaim] = session.SessionId.ToString(),
            },
            SigningCredentials = new SigningCredentials(keys.Session, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }

    /// <returns>The session's id, or null when the token is forged, expired or not a session token.</returns>
    public async Task<Guid?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = InternalTokens.Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = keys.Session,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = InternalTokens.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            // Lifetime against the gateway's clock (the one that issued the token), not the machine's.
            LifetimeValidator = IsCurrent,
        });
        return result.IsValid
               && Guid.TryParse(result.ClaimsIdentity.FindFirst(SessionIdClaim)?.Value, out var sessionId)
            ? sessionId
            : null;
    }

    private bool IsCurrent(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var started = notBefore is not { } from || from - parameters.ClockSkew <= now;
        var notEnded = expires is { } until && now < until + parameters.ClockSkew;
        return started && notEnded;
    }
}
