using System.Security.Cryptography;
using System.Text;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class ApiKeySecretTests
{
    [Fact]
    public void A_generated_key_has_the_documented_format_and_parses_back()
    {
        var secret = ApiKeySecret.Generate();

        secret.Value.ShouldMatch("^bo_[a-z0-9]{8}_[A-Za-z0-9]{32}$");
        secret.Prefix.ShouldBe(secret.Value[..11]);
        ApiKeySecret.TryParse(secret.Value, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(secret);
    }

    [Fact]
    public void Generated_keys_differ()
    {
        Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate().Value).Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void The_hash_is_the_lower_case_hex_sha256_of_the_whole_key()
    {
        var secret = ApiKeySecret.Generate();

        secret.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Value))));
        secret.Hash.ShouldMatch("^[0-9a-f]{64}$");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bo_abcdefgh_ABCDEFGHIJKLMNOPQRSTUVWXYZ12345")]
    [InlineData("bo_ABCDEFGH_ABCDEFGHIJKLMNOPQRSTUVWXYZ123456")]
    [InlineData("xx_abcdefgh_ABCDEFGHIJKLMNOPQRSTUVWXYZ123456")]
    [InlineData("bo_abcdefgh_ABCDEFGHIJKLMNOPQRSTUVWXYZ12345!")]
    [InlineData(" bo_abcdefgh_ABCDEFGHIJKLMNOPQRSTUVWXYZ123456")]
    public void Anything_else_is_not_a_key(string? candidate)
    {
        ApiKeySecret.TryParse(candidate, out _).ShouldBeFalse();
    }

    [Fact]
    public void Printing_a_key_shows_only_its_prefix()
    {
        var secret = ApiKeySecret.Generate();

        secret.ToString().ShouldStartWith(secret.Prefix);
        secret.ToString().ShouldNotContain(secret.Value[12..]);
    }
}
