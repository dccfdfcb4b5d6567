using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BillingOne.Sandbox.Tests;

/// <summary>
/// The sandbox in memory with a small, fixed demo world, two registered API clients and a clock that moves
/// only when a test moves it.
/// </summary>
public sealed class SandboxApp : WebApplicationFactory<Program>
{
    public const string ClientId = "connector-tests";
    public const string ClientSecret = "s3cret value/with+symbols";
    public const string OtherClientId = "other-connector";
    public const string OtherClientSecret = "other-secret";
    public const string Pax8Audience = "api://p8p.client";
    public static readonly DateTimeOffset Anchor = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);
    private const int Seed = 4242;
    private const int ClientCount = 120;

    /// <summary>Requests per client per <see cref="RateLimitWindow"/>.</summary>
    public int PermitLimit { get; init; } = 1000;

    /// <summary>Xero's calls per tenant per minute.</summary>
    public int XeroMinuteLimit { get; init; } = 1000;

    /// <summary>Xero's calls per tenant per day.</summary>
    public int XeroDailyLimit { get; init; } = 100_000;

    /// <summary>Xero's calls per app per minute, across its tenants.</summary>
    public int XeroAppMinuteLimit { get; init; } = 10_000;

    /// <summary>The share of vendor API requests answered 503.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>When set, the world advances a step this often on <see cref="Clock"/>.</summary>
    public TimeSpan? ChangeInterval { get; init; }

    public FakeTimeProvider Clock { get; } = new(Anchor.AddHours(9));

    public SandboxWorld World => Services.GetRequiredService<SandboxWorld>();

    /// <summary>The RMM data the sandbox serves now.</summary>
    public DemoDataSet Data => World.Current.Rmm;

    /// <summary>The Pax8 data the sandbox serves now.</summary>
    public Pax8DemoData Pax8Data => World.Current.Pax8;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sandbox:DemoData:Seed", Seed.ToString());
        builder.UseSetting("Sandbox:DemoData:ClientCount", ClientCount.ToString());
        builder.UseSetting("Sandbox:DemoData:Anchor", Anchor.ToString("O"));
        UseVendor(builder, "NinjaOne", PermitLimit, withOtherClient: true);
        UseVendor(builder, "Pax8", PermitLimit, withOtherClient: false);
        UseVendor(builder, "Datto", PermitLimit, withOtherClient: true);
        UseVendor(builder, "Xero", XeroMinuteLimit, withOtherClient: true);
        builder.UseSetting("Sandbox:Xero:DailyLimit:PermitLimit", XeroDailyLimit.ToString());
        builder.UseSetting("Sandbox:Xero:DailyLimit:Window", TimeSpan.FromDays(1).ToString());
        builder.UseSetting("Sandbox:Xero:AppRateLimit:PermitLimit", XeroAppMinuteLimit.ToString());
        UseVendor(builder, "SuperOps", PermitLimit, withOtherClient: false);
        UseVendor(builder, "Synergy", PermitLimit, withOtherClient: false);
        builder.UseSetting("Sandbox:Faults:ServerErrorRate", ServerErrorRate.ToString(CultureInfo.InvariantCulture));
        if (ChangeInterval is { } interval)
        {
            builder.UseSetting("Sandbox:Changes:Interval", interval.ToString());
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The vendor's registered API clients, token lifetime and rate limit under <c>Sandbox:{vendor}</c>.</summary>
    private static void UseVendor(IWebHostBuilder builder, string vendor, int permitLimit, bool withOtherClient)
    {
        var section = $"Sandbox:{vendor}";
        builder.UseSetting($"{section}:Clients:0:ClientId", ClientId);
        builder.UseSetting($"{section}:Clients:0:ClientSecret", ClientSecret);
        if (withOtherClient)
        {
            builder.UseSetting($"{section}:Clients:1:ClientId", OtherClientId);
            builder.UseSetting($"{section}:Clients:1:ClientSecret", OtherClientSecret);
        }
        builder.UseSetting($"{section}:TokenLifetime", TokenLifetime.ToString());
        builder.UseSetting($"{section}:RateLimit:PermitLimit", permitLimit.ToString());
        builder.UseSetting($"{section}:RateLimit:Window", RateLimitWindow.ToString());
    }

    public async Task<HttpClient> CreateAuthorizedClientAsync(
        string clientId = ClientId, string clientSecret = ClientSecret, string? scope = null)
    {
        var token = await RequestTokenAsync(clientId, clientSecret, scope);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> RequestTokenAsync(string clientId = ClientId, string clientSecret = ClientSecret, string? scope = null)
    {
        Dictionary<string, string> form = new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        using var response = await CreateClient().PostAsync("/ws/oauth/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token!.AccessToken;
    }

    /// <summary>A client holding a Pax8 token, requested as Pax8's token endpoint wants it: JSON naming the audience.</summary>
    public async Task<HttpClient> CreatePax8ClientAsync()
    {
        using var response = await CreateClient().PostAsJsonAsync("/oauth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["audience"] = Pax8Audience,
        });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>A client holding a Datto token, requested as Datto wants it: the password grant as its public client.</summary>
    public async Task<HttpClient> CreateDattoClientAsync(string apiKey = ClientId, string apiSecret = ClientSecret)
    {
        using var response = await RequestDattoTokenAsync(apiKey, apiSecret);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    public async Task<HttpResponseMessage> RequestDattoTokenAsync(
        string apiKey = ClientId, string apiSecret = ClientSecret, string publicClient = "public-client:public")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/oauth/token")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(publicClient))) },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["username"] = apiKey,
                ["password"] = apiSecret,
            }),
        };
        return await CreateClient().SendAsync(request);
    }

    // Spelled out here rather than reusing the sandbox's records, so the tests pin the documented wire names.
    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string Scope);

    public sealed record TokenError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string ErrorDescription);
}
