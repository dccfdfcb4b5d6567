using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

[Trait("Category", "Unit")]
public sealed class InternalTokensTests
{
    private static readonly SymmetricSecurityKey Key = new(RandomNumberGenerator.GetBytes(32));
    private static readonly InternalTokenClaims Claims = new(Guid.NewGuid(), Roles.Finance, ActorTypes.ApiKey,
        Guid.NewGuid(), "Reporting key", ClientScope: Guid.NewGuid());

    [Fact]
    public async Task A_token_validates_with_the_same_key_and_carries_every_claim()
    {
        var token = InternalTokens.Issue(Claims, Key, DateTimeOffset.UtcNow);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, InternalTokens.ValidationParameters(Key));

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        var principal = new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity);
        InternalTokens.FromPrincipal(principal).ShouldBe(Claims);
        principal.IsInRole(Roles.Finance).ShouldBeTrue();
    }

    [Fact]
    public async Task A_signed_in_users_token_carries_the_session_and_its_client_scope()
    {
        var session = new InternalTokenClaims(Guid.NewGuid(), Roles.Admin, ActorTypes.User, Guid.NewGuid(), "Olivia Owner",
            ClientScope: Guid.NewGuid(), SessionId: Guid.NewGuid());
        var token = InternalTokens.Issue(session, Key, DateTimeOffset.UtcNow);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, InternalTokens.ValidationParameters(Key));

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        InternalTokens.FromPrincipal(new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity)).ShouldBe(session);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var token = InternalTokens.Issue(Claims, new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)),
            DateTimeOffset.UtcNow);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, InternalTokens.ValidationParameters(Key));

        result.IsValid.ShouldBeFalse();
        result.Exception.ShouldBeOfType<SecurityTokenSignatureKeyNotFoundException>();
    }

    [Fact]
    public async Task A_token_past_its_lifetime_and_the_clock_skew_is_refused()
    {
        var issued = DateTimeOffset.UtcNow - InternalTokens.Lifetime - InternalTokens.ClockSkew - TimeSpan.FromSeconds(5);
        var token = InternalTokens.Issue(Claims, Key, issued);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, InternalTokens.ValidationParameters(Key));

        result.IsValid.ShouldBeFalse();
        result.Exception.ShouldBeOfType<SecurityTokenExpiredException>();
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("not base64!", "not base64")]
    [InlineData("c2hvcnQta2V5", "at least 32 bytes")]
    public void A_missing_or_weak_signing_key_is_a_clear_configuration_error(string? setting, string expected)
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            InternalTokens.ParseKey(setting, InternalTokens.SigningKeySetting));

        error.Message.ShouldContain(expected);
        error.Message.ShouldContain(InternalTokens.SigningKeySetting);
    }
}
