using BillingOne.BuildingBlocks.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>Session tokens made by hand: expired ones, forged ones, or a valid one without spending a sign-in.</summary>
public static class TestSessionTokens
{
    public static string For(TestUser user, SymmetricSecurityKey key, DateTimeOffset issuedAt, TimeSpan lifetime,
        Guid? sessionId = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = InternalTokens.Issuer,
            Audience = "billingone-session",
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = user.Id.ToString(),
                ["org"] = user.OrgId.ToString(),
                ["role"] = user.Role,
                ["name"] = user.Name,
                ["sid"] = (sessionId ?? Guid.NewGuid()).ToString(),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
