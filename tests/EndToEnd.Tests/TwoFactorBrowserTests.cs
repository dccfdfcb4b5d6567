using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A TOTP sign-in in Debian's chromium through the gateway: a user of the demo organization (made for this test, so
/// the demo owner every other browser test signs in as keeps signing in with the password alone) sets up two-factor in
/// Settings → Security, signs out, and signs in with the password and a code computed from the key the page showed.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class TwoFactorBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    private const string Password = "two-factor browser passphrase";

    private string Url(string relative) => new Uri(Fixture.System.Gateway, relative).ToString();

    [SystemFact]
    public async Task A_user_sets_up_two_factor_signs_out_and_signs_in_with_password_and_code_onto_the_dashboard()
    {
        var email = $"totp-{Guid.NewGuid():N}@demo.billingone.dev";
        using (var admin = Fixture.System.CreateGatewayClient())
        {
            using var created = await admin.PostAsJsonAsync("/api/identity/users",
                new { email, name = "Tess Totp", role = "finance", password = Password });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(60_000);

        await SignInWithPasswordAsync(page, email);
        await page.GetByTestId("current-user").WaitForAsync();
        await page.GotoAsync(Url("settings/security"));
        await page.GetByTestId("two-factor-enroll").ClickAsync();
        await page.GetByTestId("two-factor-qr").WaitForAsync();
        var secret = Base32Decode((await page.GetByTestId("two-factor-secret").InnerTextAsync()).Replace(" ", ""));
        (await page.GetByTestId("two-factor-uri").InnerTextAsync()).ShouldStartWith("otpauth://totp/BillingOne");
        var enrolledStep = Step(DateTimeOffset.UtcNow);
        await page.GetByTestId("two-factor-code").FillAsync(Code(secret, enrolledStep));
        await page.GetByTestId("two-factor-confirm").ClickAsync();
        (await page.GetByTestId("two-factor-status").InnerTextAsync()).ShouldContain("Two-factor is on");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.GetByTestId("sign-in-form").WaitForAsync();
        await SignInWithPasswordAsync(page, email);
        await page.GetByTestId("sign-in-code-form").WaitForAsync();
        (await page.GetByTestId("current-user").CountAsync()).ShouldBe(0, "no session before the code");

        // The confirmation used its step's code: the next step's is accepted once the clock has reached that step.
        while (Step(DateTimeOffset.UtcNow) < enrolledStep)
        {
            await Task.Delay(250);
        }
        await page.GetByTestId("sign-in-code").FillAsync(Code(secret, enrolledStep + 1));
        await page.GetByTestId("sign-in-code-submit").ClickAsync();

        await page.GetByTestId("current-user").WaitForAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe("/");
        await page.GetByTestId("dashboard").Or(page.Locator("h1")).First.WaitForAsync();
        await ShotAsync(page, "two-factor-signed-in.png");
    }

    private Task SignInWithPasswordAsync(IPage page, string email) =>
        SignInAsync(page, Fixture.System.Gateway, email, Password,
            page.GetByTestId("current-user").Or(page.GetByTestId("sign-in-code-form")));

    // RFC 6238 as authenticator apps compute it (HMAC-SHA-1, 30 s, 6 digits): the test is the user's phone.
    private static long Step(DateTimeOffset time) => time.ToUnixTimeSeconds() / 30;

    private static string Code(byte[] secret, long step)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff;
        return (binary % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var character in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(char.ToUpperInvariant(character), StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }
}
