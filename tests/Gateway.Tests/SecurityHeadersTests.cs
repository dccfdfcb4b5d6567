using System.Net;
using System.Net.Http.Json;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SecurityHeadersTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("/api/subscription/clients")]
    [InlineData("/api/projection/audit-log")]
    [InlineData("/openapi/metering.json")]
    public async Task Api_answers_are_never_cached_and_never_sniffed(string path)
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path);

        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("same-origin");
        Header(response, "Content-Security-Policy").ShouldBe("default-src 'none'; frame-ancestors 'none'");
    }

    [Fact]
    public async Task Sign_in_answers_allow_nothing_to_load_either()
    {
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.PostAsJsonAsync("/auth/sign-in", new { email = "nobody@example.test", password = "x" });

        Header(response, "Content-Security-Policy").ShouldBe("default-src 'none'; frame-ancestors 'none'");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task The_gateways_own_errors_carry_the_headers_too()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/payroll/employees");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Fact]
    public async Task Web_pages_are_not_sniffed_or_framed_but_stay_cacheable_for_the_browser()
    {
        using var client = gateway.CreateAnonymousClient();

        using var response = await client.GetAsync("/css/app.css");

        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        (response.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
        // The web app sets its pages' own policy, with a nonce the gateway cannot know.
        response.Headers.Contains("Content-Security-Policy").ShouldBeFalse();
    }

    [Theory]
    [InlineData("/api/subscription/clients")]
    [InlineData("/css/app.css")]
    public async Task Every_answer_denies_device_features_and_other_sites_and_keeps_to_https_only_when_served_over_it(
        string path)
    {
        using var client = gateway.CreateClient();

        using var overHttp = await client.GetAsync(path);
        // As a TLS-terminating proxy on loopback (a trusted one) forwards an https request.
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, path);
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        using var overHttps = await client.SendAsync(forwarded);

        foreach (var response in new[] { overHttp, overHttps })
        {
            Header(response, "Permissions-Policy").ShouldContain("camera=()");
            Header(response, "Permissions-Policy").ShouldContain("geolocation=()");
            Header(response, "Cross-Origin-Opener-Policy").ShouldBe("same-origin");
            Header(response, "Cross-Origin-Resource-Policy").ShouldBe("same-origin");
        }
        overHttp.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("a plain-http run is not pinned to https");
        Header(overHttps, "Strict-Transport-Security").ShouldBe("max-age=31536000; includeSubDomains");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : throw new ShouldAssertException($"The answer has no {name} header.");
}
