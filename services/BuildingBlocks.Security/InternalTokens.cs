using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.BuildingBlocks.Security;

/// <summary>
/// The short-lived token the gateway signs for each request it forwards, and every service validates again:
/// services never trust identity headers, only this signature. HS256 with a key shared by gateway and services.
/// </summary>
public static class InternalTokens
{
    public const string Issuer = "billingone-gateway";
    public const string Audience = "billingone-services";
    public const string SigningKeySetting = "Security:InternalTokenSigningKey";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private const int MinimumKeyBytes = 32;

    /// <param name="lifetime">Defaults to <see cref="Lifetime"/>; tests holding one client for a whole class ask longer.</param>
    public static string Issue(InternalTokenClaims claims, SymmetricSecurityKey signingKey, DateTimeOffset now,
        TimeSpan? lifetime = null)
    {
        var subject = new Dictionary<string, object>
        {
            [InternalClaimNames.Organization] = claims.OrgId.ToString(),
            [InternalClaimNames.Role] = claims.Role,
            [InternalClaimNames.ActorType] = claims.ActorType,
            [InternalClaimNames.Subject] = claims.ActorId.ToString(),
            [InternalClaimNames.Name] = claims.Name,
        };
        if (claims.ClientScope is { } client)
        {
            subject[InternalClaimNames.ClientScope] = client.ToString();
        }
        if (claims.SessionId is { } session)
        {
            subject[InternalClaimNames.Session] = session.ToString();
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = subject,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? Lifetime)).UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public static TokenValidationParameters ValidationParameters(SymmetricSecurityKey signingKey) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = signingKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = ClockSkew,
        NameClaimType = InternalClaimNames.Name,
        RoleClaimType = InternalClaimNames.Role,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };

    /// <summary>The signing key from <c>Security:InternalTokenSigningKey</c> (base64, at least 32 bytes).</summary>
    public static SymmetricSecurityKey SigningKey(IConfiguration configuration) =>
        ParseKey(configuration[SigningKeySetting], SigningKeySetting);

    public static SymmetricSecurityKey ParseKey(string? base64, string settingName)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException(
                $"{settingName} is missing: set it to a base64 key of at least {MinimumKeyBytes} bytes.");
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{settingName} is not base64.");
        }
        if (bytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"{settingName} must be at least {MinimumKeyBytes} bytes.");
        }
        return new SymmetricSecurityKey(bytes);
    }

    /// <summary>Reads the claims back from a validated principal.</summary>
    public static InternalTokenClaims? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(InternalClaimNames.Organization), out var orgId)
            || !Guid.TryParse(principal.FindFirstValue(InternalClaimNames.Subject), out var actorId))
        {
            return null;
        }
        Guid? clientScope = Guid.TryParse(principal.FindFirstValue(InternalClaimNames.ClientScope), out var client)
            ? client
            : null;
        Guid? sessionId = Guid.TryParse(principal.FindFirstValue(InternalClaimNames.Session), out var session)
            ? session
            : null;
        return new InternalTokenClaims(orgId,
            principal.FindFirstValue(InternalClaimNames.Role) ?? "",
            principal.FindFirstValue(InternalClaimNames.ActorType) ?? "",
            actorId,
            principal.FindFirstValue(InternalClaimNames.Name) ?? "",
            clientScope,
            sessionId);
    }
}
