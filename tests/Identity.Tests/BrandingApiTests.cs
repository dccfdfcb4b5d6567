using System.Net;
using System.Net.Http.Json;
using System.Text;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;

namespace BillingOne.Identity.Tests;

public sealed record BrandingDto(string OrganizationName, string? DisplayName, string? AccentColor, string? LogoUrl,
    string? SupportEmail);

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BrandingApiTests(DirectoryFixture fixture)
{
    private const string Branding = "/api/identity/organization/branding";
    private const string BrandingTable = "organization_branding";

    [Theory]
    [InlineData(Roles.Owner)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.ReadOnly)]
    public async Task Every_signed_in_role_reads_the_defaults_until_branding_is_set(string role)
    {
        var orgId = await fixture.CreateOrganizationAsync("Plain MSP");
        using var client = fixture.ClientFor(orgId, role);

        var branding = await (await client.GetAsync(Branding)).ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        branding.ShouldBe(new BrandingDto("Plain MSP", null, null, null, null));
    }

    [Fact]
    public async Task An_admin_sets_each_member_and_each_change_is_audited_with_old_and_new_values()
    {
        var orgId = await fixture.CreateOrganizationAsync("Acme MSP");
        var actorId = Guid.NewGuid();
        using var admin = fixture.ClientFor(orgId, Roles.Admin, actorId);

        await (await admin.PatchAsJsonAsync(Branding, new { displayName = "  Acme IT  " })).ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);
        await (await admin.PatchAsJsonAsync(Branding, new { accentColor = "#0f766e" })).ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);
        await (await admin.PatchAsJsonAsync(Branding, new { logoUrl = "HTTPS://cdn.acme.example/logo.svg" })).ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);
        var last = await (await admin.PatchAsJsonAsync(Branding, new { supportEmail = "help@acme.example" }))
            .ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        var expected = new BrandingDto("Acme MSP", "Acme IT", "#0F766E", "https://cdn.acme.example/logo.svg", "help@acme.example");
        last.ShouldBe(expected);
        (await admin.GetFromJsonAsync<BrandingDto>(Branding)).ShouldBe(expected);

        var entries = await fixture.EntriesAsync(BrandingTable, orgId);
        entries.Count.ShouldBe(4);
        entries.ShouldAllBe(entry => entry.Action == "update" && entry.ActorId == actorId);
        entries[0].Old.GetProperty("displayName").GetString().ShouldBeNull();
        entries[0].New.GetProperty("displayName").GetString().ShouldBe("Acme IT");
        entries[1].Old.GetProperty("accentColor").GetString().ShouldBeNull();
        entries[1].New.GetProperty("accentColor").GetString().ShouldBe("#0F766E");
        entries[1].New.GetProperty("displayName").GetString().ShouldBe("Acme IT", "an absent member stays as it is");
        entries[2].New.GetProperty("logoUrl").GetString().ShouldBe("https://cdn.acme.example/logo.svg");
        entries[3].Old.GetProperty("supportEmail").GetString().ShouldBeNull();
        entries[3].New.GetProperty("supportEmail").GetString().ShouldBe("help@acme.example");
    }

    [Fact]
    public async Task An_explicit_null_restores_the_default_and_an_absent_member_stays()
    {
        var orgId = await fixture.CreateOrganizationAsync("Clearing MSP");
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        await (await owner.PatchAsJsonAsync(Branding, new
        {
            displayName = "Clearing IT", accentColor = "#112233", logoUrl = "https://clearing.example/logo.png",
            supportEmail = "desk@clearing.example",
        })).ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        var cleared = await (await owner.PatchAsync(Branding, JsonBody("""{"displayName":null,"logoUrl":null}""")))
            .ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        cleared.ShouldBe(new BrandingDto("Clearing MSP", null, "#112233", null, "desk@clearing.example"));
        var entry = (await fixture.EntriesAsync(BrandingTable, orgId)).Last();
        entry.Old.GetProperty("logoUrl").GetString().ShouldBe("https://clearing.example/logo.png");
        entry.New.GetProperty("logoUrl").GetString().ShouldBeNull();
        entry.New.GetProperty("displayName").GetString().ShouldBeNull();
    }

    [Fact]
    public async Task Setting_the_current_values_changes_nothing_and_writes_no_audit_entry()
    {
        var orgId = await fixture.CreateOrganizationAsync("Steady MSP");
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        await (await admin.PatchAsJsonAsync(Branding, new { accentColor = "#ABCDEF" })).ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        var again = await (await admin.PatchAsJsonAsync(Branding, new { accentColor = "#abcdef", supportEmail = (string?)null }))
            .ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);
        var clearedDefaults = await (await admin.PatchAsync(Branding, JsonBody("""{"displayName":null,"logoUrl":null}""")))
            .ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        again.AccentColor.ShouldBe("#ABCDEF");
        clearedDefaults.ShouldBe(again);
        (await fixture.EntriesAsync(BrandingTable, orgId)).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("""{}""", "")]
    [InlineData("""[]""", "")]
    [InlineData("""{"accentColor":"blue"}""", "accentColor")]
    [InlineData("""{"accentColor":"#12345"}""", "accentColor")]
    [InlineData("""{"accentColor":"#1234567"}""", "accentColor")]
    [InlineData("""{"accentColor":"#12345G"}""", "accentColor")]
    [InlineData("""{"accentColor":"#123456;background:url(x)"}""", "accentColor")]
    [InlineData("""{"accentColor":12}""", "accentColor")]
    [InlineData("""{"logoUrl":"http://acme.example/logo.png"}""", "logoUrl")]
    [InlineData("""{"logoUrl":"/images/logo.png"}""", "logoUrl")]
    [InlineData("""{"logoUrl":"javascript:alert(1)"}""", "logoUrl")]
    [InlineData("""{"logoUrl":"data:image/png;base64,AAAA"}""", "logoUrl")]
    [InlineData("""{"logoUrl":"https://user:secret@acme.example/logo.png"}""", "logoUrl")]
    [InlineData("""{"logoUrl":"https://acme.example/a logo.png"}""", "logoUrl")]
    [InlineData("""{"displayName":" "}""", "displayName")]
    [InlineData("""{"displayName":"Acme\nIT"}""", "displayName")]
    [InlineData("""{"supportEmail":"not-an-email"}""", "supportEmail")]
    [InlineData("""{"supportEmail":"Help <help@acme.example>"}""", "supportEmail")]
    public async Task Invalid_branding_is_a_validation_problem_naming_the_member_and_changes_nothing(string json, string field)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        var response = await admin.PatchAsync(Branding, JsonBody(json));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().ShouldContainKey(field);
        (await fixture.EntriesAsync(BrandingTable, orgId)).ShouldBeEmpty();
        (await admin.GetFromJsonAsync<BrandingDto>(Branding))!.ShouldBe(new BrandingDto("Test MSP", null, null, null, null));
    }

    [Fact]
    public async Task Too_long_values_are_refused_each_by_name_and_the_longest_allowed_are_kept()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var longestUrl = "https://acme.example/" + new string('a', 2048 - "https://acme.example/".Length);

        var refused = await (await admin.PatchAsJsonAsync(Branding, new
        {
            displayName = new string('n', 201),
            logoUrl = longestUrl + "a",
            supportEmail = new string('e', 250) + "@acme.example",
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var kept = await (await admin.PatchAsJsonAsync(Branding, new { displayName = new string('n', 200), logoUrl = longestUrl }))
            .ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        refused.ValidationErrors().Keys.ShouldBe(["displayName", "logoUrl", "supportEmail"], ignoreOrder: true);
        kept.DisplayName!.Length.ShouldBe(200);
        kept.LogoUrl.ShouldBe(longestUrl);
    }

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.ReadOnly)]
    public async Task Only_owners_and_admins_change_the_branding(string role)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var client = fixture.ClientFor(orgId, role);

        await (await client.PatchAsJsonAsync(Branding, new { accentColor = "#000000" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await fixture.EntriesAsync(BrandingTable, orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_scoped_caller_reads_the_branding_but_cannot_change_it()
    {
        var orgId = await fixture.CreateOrganizationAsync("Scoped MSP");
        var clientId = await fixture.KnownClientAsync(orgId, "Contoso Dental");
        using var scopedUser = fixture.ClientForSession(orgId, Roles.Admin, Guid.NewGuid(), Guid.NewGuid(), clientId);
        using var scopedKey = fixture.ClientForApiKey(orgId, Roles.Admin, clientId);

        (await (await scopedUser.GetAsync(Branding)).ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK)).OrganizationName.ShouldBe("Scoped MSP");
        await (await scopedUser.PatchAsJsonAsync(Branding, new { accentColor = "#000000" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await scopedKey.PatchAsJsonAsync(Branding, new { accentColor = "#000000" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await fixture.EntriesAsync(BrandingTable, orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ingest_keys_do_not_read_the_branding()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var ingest = fixture.ClientFor(orgId, Roles.Ingest, actorType: ActorTypes.ApiKey);

        await (await ingest.GetAsync(Branding)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_answers_the_first_change_without_a_second_audit_entry()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var key = Guid.NewGuid().ToString();

        var first = await (await admin.SendAsync(IdempotentPatch(key, """{"displayName":"Once IT"}""")))
            .ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);
        var replayed = await (await admin.SendAsync(IdempotentPatch(key, """{"displayName":"Once IT"}""")))
            .ShouldBeJsonAsync<BrandingDto>(HttpStatusCode.OK);

        replayed.ShouldBe(first);
        (await fixture.EntriesAsync(BrandingTable, orgId)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_organization_without_a_directory_entry_is_not_found()
    {
        using var admin = fixture.ClientFor(Guid.NewGuid(), Roles.Admin);

        await (await admin.GetAsync(Branding)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PatchAsJsonAsync(Branding, new { displayName = "Ghost" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage IdempotentPatch(string key, string json) => new(HttpMethod.Patch, Branding)
    {
        Content = JsonBody(json),
        Headers = { { "Idempotency-Key", key } },
    };
}
