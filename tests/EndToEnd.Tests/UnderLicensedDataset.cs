using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Under-licensed clients of a test's own, added to the sandbox's vendors so no other test's numbers move when their
/// Pax8 quantities change: each has more RMM devices than its one monthly per-device Pax8 subscription licenses,
/// synced, mapped and compared until reconciliation calls it under-licensed.
/// </summary>
public static class UnderLicensedDataset
{
    public sealed record Client(string Name, Guid Id, int Devices, int Licenses);

    public static async Task<IReadOnlyList<Client>> AddAsync(RunningSystem system, GatewayCallers callers,
        params (int Devices, int Licenses)[] clients)
    {
        var api = callers.Admin;
        var prefix = $"UL{Guid.NewGuid():N}"[..10];
        var names = clients.Select((_, index) => $"{prefix} Client {index + 1}").ToList();
        var created = new List<Client>();
        for (var index = 0; index < clients.Length; index++)
        {
            created.Add(new Client(names[index], await callers.CreateClientAsync(names[index]), clients[index].Devices,
                clients[index].Licenses));
        }
        using (var sandbox = new HttpClient { BaseAddress = system.App.GetEndpoint("sandbox", "http") })
        {
            var product = $"{prefix} Endpoint Protection";
            using var added = await sandbox.PostAsJsonAsync("/sandbox/additions", new
            {
                rmmOrganizations = created.Select(client => new { name = client.Name, workstations = client.Devices }),
                pax8Companies = created.Select(client => new { name = client.Name }),
                pax8Products = new[] { new { name = product, unitOfMeasurement = "Device", unitPrice = 9.00m } },
                pax8Subscriptions = created.Select(client => new
                {
                    company = client.Name,
                    product,
                    quantity = client.Licenses,
                    price = 9.00m,
                    billingTerm = "Monthly",
                    status = "Active",
                }),
            });
            added.StatusCode.ShouldBe(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        }

        await GatewayCallers.SyncAsync(api, "subscription", "pax8");
        await GatewayCallers.SyncAsync(api, "reconciliation", "rmm");
        var pax8 = await GatewayCallers.AccountsAsync(api, "pax8", prefix, created.Count);
        var rmm = await GatewayCallers.AccountsAsync(api, "rmm", prefix, created.Count);
        var mappings = created.SelectMany(client => new object[]
        {
            new { vendor = "pax8", externalId = pax8[client.Name], clientId = client.Id },
            new { vendor = "rmm", externalId = rmm[client.Name], clientId = client.Id },
        });
        using var applied = await api.PostAsJsonAsync("/api/subscription/mappings/apply", new { items = mappings });
        applied.StatusCode.ShouldBe(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        await Eventually.AssertAsync(async () => (await StatusesAsync(api, prefix)).ShouldBe(
            created.ToDictionary(client => client.Name, _ => "under-licensed"), ignoreOrder: true), TimeSpan.FromMinutes(4));
        return created;
    }

    /// <summary>Reconciliation's status of every client whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task<Dictionary<string, string>> StatusesAsync(HttpClient api, string prefix) =>
        (await api.GetFromJsonAsync<JsonElement>(
            $"/api/reconciliation/clients?search={Uri.EscapeDataString(prefix)}&pageSize=50"))
        .GetProperty("items").EnumerateArray()
        .ToDictionary(row => row.GetProperty("clientName").GetString()!, row => row.GetProperty("status").GetString()!);

    /// <summary>The name prefix shared by the dataset's clients.</summary>
    public static string PrefixOf(IReadOnlyList<Client> clients) => clients[0].Name[..10];
}
