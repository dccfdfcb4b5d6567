using System.Net;
using System.Net.Http.Json;
using System.Text;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Data;
using BillingOne.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrganizationApiTests(DirectoryFixture fixture)
{
    private const string Organization = "/api/identity/organization";

    [Fact]
    public async Task Every_role_that_reads_sees_the_settings_with_their_defaults()
    {
        var orgId = await fixture.CreateOrganizationAsync("Defaults MSP");
        using var reader = fixture.ClientFor(orgId, Roles.ReadOnly);

        var organization = await (await reader.GetAsync(Organization)).ShouldBeJsonAsync<OrganizationDto>(HttpStatusCode.OK);

        organization.Id.ShouldBe(orgId);
        organization.Name.ShouldBe("Defaults MSP");
        organization.TimeZone.ShouldBe("UTC");
        organization.Currency.ShouldBe("AUD");
        organization.BillingGraceDays.ShouldBe(5);
    }

    [Fact]
    public async Task An_admin_changes_the_settings_and_the_change_is_audited_once()
    {
        var orgId = await fixture.CreateOrganizationAsync("Before MSP");
        var actorId = Guid.NewGuid();
        using var admin = fixture.ClientFor(orgId, Roles.Admin, actorId);
        var change = new { name = "After MSP", timeZone = "Australia/Sydney", currency = "nzd", billingGraceDays = 10 };

        var updated = await (await admin.PatchAsJsonAsync(Organization, change)).ShouldBeJsonAsync<OrganizationDto>(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync(Organization, change)).StatusCode.ShouldBe(HttpStatusCode.OK);

        updated.Name.ShouldBe("After MSP");
        updated.TimeZone.ShouldBe("Australia/Sydney");
        updated.Currency.ShouldBe("NZD");
        updated.BillingGraceDays.ShouldBe(10);
        (await admin.GetFromJsonAsync<OrganizationDto>(Organization)).ShouldBe(updated);

        var entry = (await fixture.EntriesAsync("organizations", orgId)).ShouldHaveSingleItem();
        entry.Action.ShouldBe("update");
        entry.ActorId.ShouldBe(actorId);
        entry.Old.GetProperty("name").GetString().ShouldBe("Before MSP");
        entry.Old.GetProperty("currency").GetString().ShouldBe("AUD");
        entry.Old.GetProperty("billingGraceDays").GetInt32().ShouldBe(5);
        entry.New.GetProperty("timeZone").GetString().ShouldBe("Australia/Sydney");
        entry.New.GetProperty("currency").GetString().ShouldBe("NZD");
        entry.New.GetProperty("billingGraceDays").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task A_change_is_announced_once_with_the_new_settings_and_a_higher_version()
    {
        var orgId = await fixture.CreateOrganizationAsync("Announcing MSP");
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        (await admin.PatchAsJsonAsync(Organization, new { billingGraceDays = 9 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync(Organization, new { billingGraceDays = 9 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync(Organization, new { currency = "nzd" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var announced = await fixture.OutboxEventsAsync("OrganizationChanged", orgId);
        announced.Select(change => (change.GetProperty("billingGraceDays").GetInt32(),
                change.GetProperty("currency").GetString(), change.GetProperty("version").GetInt64()))
            .ShouldBe([(9, "AUD", 2L), (9, "NZD", 3L)]);
        announced[0].GetProperty("name").GetString().ShouldBe("Announcing MSP");
        announced[0].GetProperty("timeZone").GetString().ShouldBe("UTC");
    }

    [Fact]
    public async Task An_organization_no_event_has_carried_yet_is_announced_once_with_its_settings()
    {
        var orgId = await fixture.CreateOrganizationAsync("Unannounced MSP", announced: false, billingGraceDays: 12);

        // The service's own OrganizationAnnouncer runs too: whichever pass takes it, it is announced once.
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var organizations = scope.ServiceProvider.GetRequiredService<OrganizationStore>();
            await organizations.AnnounceUnannouncedAsync(500, CancellationToken.None);
            await organizations.AnnounceUnannouncedAsync(500, CancellationToken.None);
        }

        var announced = (await fixture.OutboxEventsAsync("OrganizationChanged", orgId)).ShouldHaveSingleItem();
        announced.GetProperty("billingGraceDays").GetInt32().ShouldBe(12);
        announced.GetProperty("version").GetInt64().ShouldBe(1);
        announced.GetProperty("name").GetString().ShouldBe("Unannounced MSP");
    }

    [Theory]
    [InlineData("""{}""", "")]
    [InlineData("""{"name":" "}""", "name")]
    [InlineData("""{"timeZone":"Nowhere/Atlantis"}""", "timeZone")]
    [InlineData("""{"timeZone":"AUS Eastern Standard Time"}""", "timeZone")]
    [InlineData("""{"currency":"AU"}""", "currency")]
    [InlineData("""{"currency":"XAU"}""", "currency")]
    [InlineData("""{"billingGraceDays":61}""", "billingGraceDays")]
    [InlineData("""{"billingGraceDays":-1}""", "billingGraceDays")]
    public async Task Invalid_settings_are_a_validation_problem_and_change_nothing(string json, string field)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        var response = await admin.PatchAsync(Organization, new StringContent(json, Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().ShouldContainKey(field);
        (await fixture.EntriesAsync("organizations", orgId)).ShouldBeEmpty();
        (await fixture.OutboxEventsAsync("OrganizationChanged", orgId)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.ReadOnly)]
    public async Task Only_owners_and_admins_change_the_settings(string role)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var client = fixture.ClientFor(orgId, role);

        await (await client.PatchAsJsonAsync(Organization, new { billingGraceDays = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ingest_keys_do_not_read_the_settings()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var ingest = fixture.ClientFor(orgId, Roles.Ingest, actorType: ActorTypes.ApiKey);

        await (await ingest.GetAsync(Organization)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_organization_without_a_directory_entry_is_not_found()
    {
        using var admin = fixture.ClientFor(Guid.NewGuid(), Roles.Admin);

        await (await admin.GetAsync(Organization)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PatchAsJsonAsync(Organization, new { name = "Ghost" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
