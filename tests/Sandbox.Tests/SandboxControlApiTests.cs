using System.Net;
using System.Net.Http.Json;
using BillingOne.Sandbox.Domain;

namespace BillingOne.Sandbox.Tests;

/// <summary>Each test that moves the world starts its own sandbox, so the shared demo world stays at step 0.</summary>
[Trait("Category", "Integration")]
public sealed class SandboxControlApiTests
{
    private sealed record ChangeState(int Step, DateTimeOffset At);

    private sealed record ChangeReport(int Step, Pax8Changes Pax8, RmmChanges Rmm);

    private sealed record Pax8Changes(List<Guid> SubscriptionsAdded, List<Guid> SubscriptionsCancelled,
        List<QuantityChange> QuantityChanged);

    private sealed record QuantityChange(Guid Id, int From, int To);

    private sealed record RmmChanges(List<int> DevicesAdded, List<int> DevicesRetired);

    private sealed record NinjaDevice(int Id);

    private sealed record DattoDevicesPage(List<DattoDevice> Devices);

    private sealed record DattoDevice(int Id, bool Deleted, bool Online);

    private sealed record Pax8Page(List<Pax8Subscription> Content);

    private sealed record Pax8Subscription(Guid Id, int Quantity, string Status, DateTimeOffset? EndDate, DateTimeOffset UpdatedDate);

    private sealed record BillingOneClient(int SandboxClientId, string Name, string TimeZone);

    [Fact]
    public async Task A_new_sandbox_is_at_step_0_dated_at_the_anchor()
    {
        await using var app = new SandboxApp();

        var state = await app.CreateClient().GetFromJsonAsync<ChangeState>("/sandbox/changes");

        state.ShouldBe(new ChangeState(0, SandboxApp.Anchor));
    }

    [Fact]
    public async Task A_post_without_a_body_applies_one_step_and_every_vendor_serves_what_it_reports()
    {
        await using var app = new SandboxApp();
        var sandbox = app.CreateClient();
        var before = app.Pax8Data.Subscriptions.ToDictionary(subscription => subscription.Id);

        using var response = await sandbox.PostAsync("/sandbox/changes", content: null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = (await response.Content.ReadFromJsonAsync<ChangeReport>())!;
        report.Step.ShouldBe(1);
        (await sandbox.GetFromJsonAsync<ChangeState>("/sandbox/changes"))!.Step.ShouldBe(1);
        var at = SandboxApp.Anchor + TimeSpan.FromHours(1);

        using var ninjaOne = await app.CreateAuthorizedClientAsync();
        var ninjaIds = new List<int>();
        List<NinjaDevice> ninjaPage;
        do
        {
            ninjaPage = (await ninjaOne.GetFromJsonAsync<List<NinjaDevice>>(
                $"/v2/devices?pageSize=1000&after={(ninjaIds.Count == 0 ? 0 : ninjaIds[^1])}"))!;
            ninjaIds.AddRange(ninjaPage.Select(device => device.Id));
        }
        while (ninjaPage.Count == 1000);
        ninjaIds.ShouldNotContain(id => report.Rmm.DevicesRetired.Contains(id), "NinjaOne no longer lists removed devices");
        ninjaIds.ShouldContain(report.Rmm.DevicesAdded[0]);
        ninjaIds.Count.ShouldBe(app.Data.Devices.Count - report.Rmm.DevicesRetired.Count);

        using var datto = await app.CreateDattoClientAsync();
        var dattoDevices = new List<DattoDevice>();
        for (var page = 0; page * 250 < app.Data.Devices.Count; page++)
        {
            dattoDevices.AddRange((await datto.GetFromJsonAsync<DattoDevicesPage>($"/api/v2/account/devices?max=250&page={page}"))!.Devices);
        }
        dattoDevices.Where(device => device.Deleted).Select(device => device.Id).Order()
            .ShouldBe(report.Rmm.DevicesRetired.Order(), "Datto still lists removed devices, flagged deleted");
        dattoDevices.Where(device => device.Deleted).ShouldAllBe(device => !device.Online);
        dattoDevices.Select(device => device.Id).ShouldContain(report.Rmm.DevicesAdded[^1]);

        using var pax8 = await app.CreatePax8ClientAsync();
        var subscriptions = new List<Pax8Subscription>();
        for (var page = 0; page * 200 < app.Pax8Data.Subscriptions.Count; page++)
        {
            subscriptions.AddRange((await pax8.GetFromJsonAsync<Pax8Page>($"/v1/subscriptions?size=200&page={page}"))!.Content);
        }
        var served = subscriptions.ToDictionary(subscription => subscription.Id);
        report.Pax8.SubscriptionsAdded.ShouldAllBe(id => !before.ContainsKey(id) && served[id].Status == "Active");
        report.Pax8.SubscriptionsCancelled.ShouldAllBe(id => served[id].Status == "Cancelled" && served[id].EndDate == at);
        report.Pax8.QuantityChanged.ShouldAllBe(change =>
            before[change.Id].Quantity == change.From && served[change.Id].Quantity == change.To && served[change.Id].UpdatedDate == at);
    }

    [Fact]
    public async Task Several_steps_in_one_post_give_the_same_world_as_single_steps()
    {
        await using var stepped = new SandboxApp();
        await using var jumped = new SandboxApp();
        for (var step = 0; step < 3; step++)
        {
            (await stepped.CreateClient().PostAsync("/sandbox/changes", content: null)).EnsureSuccessStatusCode();
        }

        using var response = await jumped.CreateClient().PostAsJsonAsync("/sandbox/changes", new { steps = 3 });

        (await response.Content.ReadFromJsonAsync<ChangeReport>())!.Step.ShouldBe(3);
        using var steppedPax8 = await stepped.CreatePax8ClientAsync();
        using var jumpedPax8 = await jumped.CreatePax8ClientAsync();
        var lastPage = stepped.Pax8Data.Subscriptions.Count / 200;
        (await jumpedPax8.GetStringAsync($"/v1/subscriptions?size=200&page={lastPage}"))
            .ShouldBe(await steppedPax8.GetStringAsync($"/v1/subscriptions?size=200&page={lastPage}"));
        using var steppedDatto = await stepped.CreateDattoClientAsync();
        using var jumpedDatto = await jumped.CreateDattoClientAsync();
        (await jumpedDatto.GetStringAsync("/api/v2/account/sites?max=250"))
            .ShouldBe(await steppedDatto.GetStringAsync("/api/v2/account/sites?max=250"));
    }

    [Theory]
    [InlineData("{\"steps\":0}")]
    [InlineData("{\"steps\":101}")]
    [InlineData("{\"steps\":")]
    public async Task A_bad_step_count_is_refused_and_changes_nothing(string body)
    {
        await using var app = new SandboxApp();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.CreateClient().PostAsync("/sandbox/changes", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        app.World.Current.Step.ShouldBe(0);
    }

    [Fact]
    public async Task With_an_interval_the_world_advances_on_the_clock_and_without_one_it_stays()
    {
        await using var timed = new SandboxApp { ChangeInterval = TimeSpan.FromMinutes(10) };
        await using var still = new SandboxApp();
        var timedClient = timed.CreateClient();
        var stillClient = still.CreateClient();

        // The timer starts with the host; keep moving the clock until it has ticked.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var step = 0;
        while (step == 0 && DateTime.UtcNow < deadline)
        {
            timed.Clock.Advance(TimeSpan.FromMinutes(10));
            still.Clock.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(20);
            step = (await timedClient.GetFromJsonAsync<ChangeState>("/sandbox/changes"))!.Step;
        }

        step.ShouldBeGreaterThan(0);
        (await stillClient.GetFromJsonAsync<ChangeState>("/sandbox/changes"))!.Step.ShouldBe(0);
    }

    [Fact]
    public async Task BillingOnes_client_list_has_the_canonical_names_of_most_clients_and_leaves_out_the_same_few()
    {
        await using var app = new SandboxApp();
        await using var twin = new SandboxApp();

        var clients = (await app.CreateClient().GetFromJsonAsync<List<BillingOneClient>>("/sandbox/billingone-clients"))!;
        var again = (await twin.CreateClient().GetFromJsonAsync<List<BillingOneClient>>("/sandbox/billingone-clients"))!;

        var demo = app.Data.Clients.ToDictionary(client => client.Id);
        clients.ShouldAllBe(client => demo[client.SandboxClientId].Name == client.Name
            && demo[client.SandboxClientId].TimeZone == client.TimeZone);
        clients.Select(client => client.SandboxClientId).ShouldBeInOrder();
        clients.Count.ShouldBeInRange(demo.Count * 85 / 100, demo.Count * 98 / 100, "about 8% exist only at the vendors");
        again.ShouldBe(clients);
    }
}
