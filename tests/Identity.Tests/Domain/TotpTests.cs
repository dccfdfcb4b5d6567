using System.Text;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class TotpTests
{
    // RFC 6238 appendix B, the SHA-1 rows: the seed is the ASCII of "12345678901234567890".
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void The_rfc_6238_sha1_test_vectors_come_out_with_8_digits_and_their_last_6_with_6(long unixSeconds,
        string expected)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Totp.Compute(RfcSecret, Totp.StepAt(time), digits: 8).ShouldBe(expected);
        Totp.ComputeAt(RfcSecret, time).ShouldBe(expected[2..]);
    }

    [Fact]
    public void Steps_are_30_seconds_from_the_epoch()
    {
        Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBe(1);
        Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(60)).ShouldBe(2);
        Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109)).ShouldBe(0x23523EC);
    }

    [Fact]
    public void A_code_of_the_current_step_or_one_either_side_is_accepted_and_names_its_step()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);

        Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, step), now, lastUsedStep: null).ShouldBe(step);
        Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, step - 1), now, lastUsedStep: null).ShouldBe(step - 1);
        Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, step + 1), now, lastUsedStep: null).ShouldBe(step + 1);
    }

    [Fact]
    public void A_code_two_steps_away_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);

        Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, step - 2), now, lastUsedStep: null).ShouldBeNull();
        Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, step + 2), now, lastUsedStep: null).ShouldBeNull();
    }

    [Fact]
    public void A_code_is_never_accepted_twice_nor_one_of_an_earlier_step_after_a_later_one()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);
        var code = Totp.Compute(RfcSecret, step);

        var used = Totp.Verify(RfcSecret, code, now, lastUsedStep: null).ShouldNotBeNull();
        Totp.Verify(RfcSecret, code, now, used).ShouldBeNull("the same code again");
        Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, step - 1), now, used).ShouldBeNull("an older step's code");
        Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, step + 1), now, used).ShouldBe(step + 1);
    }

    [Theory]
    [InlineData(null, "Enter the 6-digit code from your authenticator app.")]
    [InlineData("  ", "Enter the 6-digit code from your authenticator app.")]
    [InlineData("12345", "The code is 6 digits.")]
    [InlineData("1234567", "The code is 6 digits.")]
    [InlineData("12a456", "The code is 6 digits.")]
    [InlineData("١٢٣٤٥٦", "The code is 6 digits.")]
    public void Malformed_codes_are_refused_with_a_reason(string? typed, string reason)
    {
        Totp.Normalize(typed, out var error).ShouldBeNull();
        error.ShouldBe(reason);
        Totp.Verify(RfcSecret, typed ?? "", DateTimeOffset.UnixEpoch, null).ShouldBeNull();
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    public void Codes_as_apps_show_them_are_read(string typed, string code)
    {
        Totp.Normalize(typed, out var error).ShouldBe(code);
        error.ShouldBeNull();
    }

    [Fact]
    public void Base32_follows_rfc_4648_and_reads_back()
    {
        // RFC 4648 §10, without the padding.
        Base32.Encode("foobar"u8).ShouldBe("MZXW6YTBOI");
        Base32.Encode("f"u8).ShouldBe("MY");
        Base32.Encode(RfcSecret).ShouldBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        Base32.Decode("mzxw 6ytb oi======").ShouldBe("foobar"u8.ToArray());
        Base32.Decode("not base32!").ShouldBeNull();
        var secret = Totp.GenerateSecret();
        Base32.Decode(Base32.Encode(secret)).ShouldBe(secret);
    }

    [Fact]
    public void The_key_uri_names_issuer_account_and_the_parameters()
    {
        Totp.KeyUri("BillingOne", "rita@example.com", RfcSecret).ShouldBe(
            "otpauth://totp/BillingOne%3Arita%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=BillingOne" +
            "&algorithm=SHA1&digits=6&period=30");
    }
}
