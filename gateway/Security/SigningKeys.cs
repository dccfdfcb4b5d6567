using BillingOne.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.Gateway.Security;

/// <summary>The keys of <see cref="SecurityOptions"/>, parsed once.</summary>
public sealed class SigningKeys(IOptions<SecurityOptions> options)
{
    public SymmetricSecurityKey InternalToken { get; } =
        InternalTokens.ParseKey(options.Value.InternalTokenSigningKey, InternalTokens.SigningKeySetting);

    public SymmetricSecurityKey Session { get; } =
        InternalTokens.ParseKey(options.Value.SessionSigningKey,
            $"{SecurityOptions.SectionName}:{nameof(SecurityOptions.SessionSigningKey)}");
}
