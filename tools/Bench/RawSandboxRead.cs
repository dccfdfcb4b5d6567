using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.AppHost;

namespace BillingOne.Bench;

/// <summary>One vendor's lists read straight from the sandbox: how long, how many pages and items.</summary>
public sealed record RawRead(TimeSpan Elapsed, int Pages, int Items);

/// <summary>
/// The sync scenario's baseline: every page of the lists the connectors read (Pax8 companies, products and
/// subscriptions; NinjaOne organizations and devices), straight from the sandbox with the connectors' page sizes and
/// the AppHost's sandbox credentials. Each body is read whole but parsed only as far as paging needs: no validation,
/// no storing, no diffing — what a sync cannot do with less.
/// </summary>
public sealed class RawSandboxRead(HttpClient sandbox)
{
    /// <summary>The Pax8 connector's page size (the largest Pax8 serves).</summary>
    private const int Pax8PageSize = 200;

    /// <summary>The NinjaOne connector's page size (the largest the sandbox serves).</summary>
    private const int NinjaOnePageSize = 1000;

    /// <summary>The audience the sandbox's Pax8 token endpoint wants (Sandbox:Pax8:Audience).</summary>
    private const string Pax8Audience = "api://p8p.client";

    public async Task<RawRead> ReadPax8Async()
    {
        var clock = Stopwatch.StartNew();
        var token = await TokenAsync("/oauth/token", JsonContent.Create(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SandboxConnectors.ClientId,
            ["client_secret"] = SandboxConnectors.ClientSecret,
            ["audience"] = Pax8Audience,
        }));
        var (pages, items) = (0, 0);
        foreach (var resource in (string[])["companies", "products", "subscriptions"])
        {
            for (var page = 0; ; page++)
            {
                using var document = await GetAsync($"/v1/{resource}?page={page}&size={Pax8PageSize}", token);
                pages++;
                items += document.RootElement.GetProperty("content").GetArrayLength();
                if (page + 1 >= document.RootElement.GetProperty("page").GetProperty("totalPages").GetInt32())
                {
                    break;
                }
            }
        }
        return new RawRead(clock.Elapsed, pages, items);
    }

    public async Task<RawRead> ReadNinjaOneAsync()
    {
        var clock = Stopwatch.StartNew();
        var token = await TokenAsync("/ws/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SandboxConnectors.ClientId,
            ["client_secret"] = SandboxConnectors.ClientSecret,
            ["scope"] = "monitoring",
        }));
        var (pages, items) = (0, 0);
        foreach (var resource in (string[])["organizations", "devices"])
        {
            // Keyset paging: a page shorter than asked for is the last.
            var after = 0;
            while (true)
            {
                using var document = await GetAsync($"/v2/{resource}?pageSize={NinjaOnePageSize}&after={after}", token);
                pages++;
                var count = document.RootElement.GetArrayLength();
                items += count;
                if (count < NinjaOnePageSize)
                {
                    break;
                }
                after = document.RootElement[count - 1].GetProperty("id").GetInt32();
            }
        }
        return new RawRead(clock.Elapsed, pages, items);
    }

    private async Task<string> TokenAsync(string path, HttpContent request)
    {
        using var response = await sandbox.PostAsync(path, request);
        using var document = await ReadAsync(response, $"POST {path}");
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<JsonDocument> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await sandbox.SendAsync(request);
        return await ReadAsync(response, $"GET {path}");
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string call) =>
        response.IsSuccessStatusCode
            ? await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())
            : throw new HttpRequestException(
                $"The sandbox answered {call} with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
