using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;
using BillingOne.Testing;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UsersApiTests(DirectoryFixture fixture)
{
    private const string Users = "/api/identity/users";
    private const string Password = "a long initial password";

    [Fact]
    public async Task An_added_user_is_stored_with_a_password_hash_that_no_answer_or_audit_entry_shows()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var email = UniqueEmail("Finance.Person");

        var response = await admin.PostAsJsonAsync(Users, new { email = $"  {email} ", name = "Fin Person", role = "finance", password = Password });

        var body = await response.Content.ReadAsStringAsync();
        var created = await response.ShouldBeJsonAsync<UserDto>(HttpStatusCode.Created);
        created.Email.ShouldBe(email);
        created.Name.ShouldBe("Fin Person");
        created.Role.ShouldBe(Roles.Finance);
        created.Enabled.ShouldBeTrue();
        created.LastSignInAt.ShouldBeNull();
        response.Headers.Location!.OriginalString.ShouldBe($"{Users}/{created.Id}");
        JsonDocument.Parse(body).RootElement.EnumerateObject().Select(property => property.Name)
            .ShouldNotContain(name => name.Contains("password", StringComparison.OrdinalIgnoreCase));
        (await admin.GetStringAsync($"{Users}/{created.Id}")).ShouldNotContain("password", Case.Insensitive);

        await using var connection = fixture.OpenDatabase();
        var hash = await connection.QuerySingleAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { created.Id });
        hash.ShouldNotContain(Password);
        new PasswordHasher<User>().VerifyHashedPassword(null!, hash, Password).ShouldBe(PasswordVerificationResult.Success);

        var entry = (await fixture.EntriesAsync("users", created.Id)).ShouldHaveSingleItem();
        entry.Action.ShouldBe("create");
        entry.OldValues.ShouldBeNull();
        entry.New.GetProperty("email").GetString().ShouldBe(email);
        entry.New.GetProperty("role").GetString().ShouldBe(Roles.Finance);
        entry.New.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        var newValues = entry.NewValues.ShouldNotBeNull();
        newValues.ShouldNotContain("password", Case.Insensitive);
        newValues.ShouldNotContain(hash);
    }

    public static TheoryData<string, string> InvalidUsers => new()
    {
        { """{"email":"x@example.test","name":"Short","role":"admin","password":"11 chars..."}""", "password" },
        { """{"email":"x@example.test","name":"None","role":"admin"}""", "password" },
        { """{"email":"not an email","name":"Bad","role":"admin","password":"a long initial password"}""", "email" },
        { """{"email":"Someone <x@example.test>","name":"Bad","role":"admin","password":"a long initial password"}""", "email" },
        { """{"email":"x@example.test","name":"Bad","role":"ingest","password":"a long initial password"}""", "role" },
        { """{"email":"x@example.test","name":"  ","role":"admin","password":"a long initial password"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(InvalidUsers))]
    public async Task An_invalid_user_is_a_validation_problem(string json, string field)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        var response = await admin.PostAsync(Users, new StringContent(json, Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().ShouldContainKey(field);
    }

    [Fact]
    public async Task An_email_belongs_to_one_user_of_an_organization_ignoring_case()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var email = UniqueEmail("twice");
        await CreateUserAsync(admin, email, Roles.ReadOnly);

        var duplicate = await admin.PostAsJsonAsync(Users,
            new { email = email.ToUpperInvariant(), name = "Copy", role = "read-only", password = Password });

        await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await admin.GetFromJsonAsync<PageDto<UserDto>>(Users))!.TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task Adding_a_user_whose_email_another_organization_has_looks_like_any_other_addition()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var otherOrgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var otherAdmin = fixture.ClientFor(otherOrgId, Roles.Admin);
        var taken = UniqueEmail("elsewhere");
        await CreateUserAsync(otherAdmin, taken, Roles.Finance);

        // The same request for an email nobody has and for one another organization has: the answers must match.
        var answers = new List<HttpResponseMessage>();
        foreach (var email in new[] { UniqueEmail("fresh"), taken.ToUpperInvariant() })
        {
            answers.Add(await admin.PostAsJsonAsync(Users, new { email, name = "New", role = "read-only", password = Password }));
        }

        answers.Select(answer => answer.StatusCode).ShouldAllBe(status => status == HttpStatusCode.Created);
        var created = await answers[1].ShouldBeJsonAsync<UserDto>(HttpStatusCode.Created);
        created.Email.ShouldBe(taken.ToUpperInvariant());
        answers[1].Headers.Location!.OriginalString.ShouldBe($"{Users}/{created.Id}");
        (await admin.GetFromJsonAsync<PageDto<UserDto>>(Users))!.TotalCount.ShouldBe(2);
        (await otherAdmin.GetFromJsonAsync<PageDto<UserDto>>(Users))!.Items.ShouldHaveSingleItem().Email.ShouldBe(taken);
    }

    [Fact]
    public async Task Only_an_owner_grants_or_removes_the_owner_role_or_disables_an_owner()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        var addOwner = await admin.PostAsJsonAsync(Users, new { email = UniqueEmail("o"), name = "O", role = "owner", password = Password });
        await addOwner.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var firstOwner = await CreateUserAsync(owner, UniqueEmail("first.owner"), Roles.Owner);
        var secondOwner = await CreateUserAsync(owner, UniqueEmail("second.owner"), Roles.Owner);
        var member = await CreateUserAsync(admin, UniqueEmail("member"), Roles.Finance);

        await (await admin.PatchAsJsonAsync($"{Users}/{member.Id}", new { role = "owner" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PatchAsJsonAsync($"{Users}/{secondOwner.Id}", new { role = "admin" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsync($"{Users}/{secondOwner.Id}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // An admin may still do what touches no owner power: rename an owner, change a non-owner's role.
        (await admin.PatchAsJsonAsync($"{Users}/{firstOwner.Id}", new { name = "Renamed Owner" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync($"{Users}/{member.Id}", new { role = "admin" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var promoted = await (await owner.PatchAsJsonAsync($"{Users}/{member.Id}", new { role = "owner" }))
            .ShouldBeJsonAsync<UserDto>(HttpStatusCode.OK);
        promoted.Role.ShouldBe(Roles.Owner);
        var demoted = await (await owner.PatchAsJsonAsync($"{Users}/{secondOwner.Id}", new { role = "finance" }))
            .ShouldBeJsonAsync<UserDto>(HttpStatusCode.OK);
        demoted.Role.ShouldBe(Roles.Finance);

        // Refused requests leave no audit entry.
        (await fixture.EntriesAsync("users", secondOwner.Id)).Select(entry => entry.Action).ShouldBe(["create", "update"]);
    }

    [Fact]
    public async Task The_last_enabled_owner_can_be_neither_demoted_nor_disabled()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        var onlyOwner = await CreateUserAsync(owner, UniqueEmail("only.owner"), Roles.Owner);
        var disabledOwner = await CreateUserAsync(owner, UniqueEmail("disabled.owner"), Roles.Owner);
        (await owner.PostAsync($"{Users}/{disabledOwner.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await owner.PatchAsJsonAsync($"{Users}/{onlyOwner.Id}", new { role = "admin" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await owner.PostAsync($"{Users}/{onlyOwner.Id}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Once another owner is enabled again, the first may step down.
        (await owner.PostAsync($"{Users}/{disabledOwner.Id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var steppedDown = await (await owner.PatchAsJsonAsync($"{Users}/{onlyOwner.Id}", new { role = "admin" }))
            .ShouldBeJsonAsync<UserDto>(HttpStatusCode.OK);
        steppedDown.Role.ShouldBe(Roles.Admin);
    }

    [Fact]
    public async Task Every_change_writes_one_audit_entry_with_old_and_new_values_and_repeats_write_none()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var actorId = Guid.NewGuid();
        using var admin = fixture.ClientFor(orgId, Roles.Admin, actorId);
        var user = await CreateUserAsync(admin, UniqueEmail("audited"), Roles.ReadOnly);

        (await admin.PatchAsJsonAsync($"{Users}/{user.Id}", new { role = "finance", name = "Audited Person" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync($"{Users}/{user.Id}", new { role = "finance" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"{Users}/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"{Users}/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var enabled = await (await admin.PostAsync($"{Users}/{user.Id}/enable", null)).ShouldBeJsonAsync<UserDto>(HttpStatusCode.OK);
        enabled.Enabled.ShouldBeTrue();

        var entries = await fixture.EntriesAsync("users", user.Id);
        entries.Select(entry => entry.Action).ShouldBe(["create", "update", "disable", "enable"]);
        entries.ShouldAllBe(entry => entry.OrgId == orgId && entry.ActorId == actorId && entry.ApiKeyId == null);
        entries[1].Old.GetProperty("role").GetString().ShouldBe(Roles.ReadOnly);
        entries[1].Old.GetProperty("name").GetString().ShouldBe("Test User");
        entries[1].New.GetProperty("role").GetString().ShouldBe(Roles.Finance);
        entries[1].New.GetProperty("name").GetString().ShouldBe("Audited Person");
        entries[2].Old.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        entries[2].New.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        entries[3].New.GetProperty("enabled").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Another_organizations_user_is_not_found_and_stays_untouched()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var otherOrgId = await fixture.CreateOrganizationAsync();
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        using var otherOwner = fixture.ClientFor(otherOrgId, Roles.Owner);
        var user = await CreateUserAsync(owner, UniqueEmail("mine"), Roles.Finance);

        await (await otherOwner.GetAsync($"{Users}/{user.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherOwner.PatchAsJsonAsync($"{Users}/{user.Id}", new { role = "owner" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherOwner.PostAsync($"{Users}/{user.Id}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherOwner.PostAsync($"{Users}/{user.Id}/enable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await otherOwner.GetFromJsonAsync<PageDto<UserDto>>(Users))!.TotalCount.ShouldBe(0);

        var mine = await owner.GetFromJsonAsync<UserDto>($"{Users}/{user.Id}");
        mine.ShouldBe(user);
    }

    [Fact]
    public async Task The_team_list_searches_name_and_email_and_pages_by_name()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var carol = await CreateUserAsync(admin, UniqueEmail("carol"), Roles.Finance, "Carol");
        var alice = await CreateUserAsync(admin, UniqueEmail("alice"), Roles.Admin, "Alice");
        var bob = await CreateUserAsync(admin, UniqueEmail("bob.accounts"), Roles.ReadOnly, "Bob");

        var firstPage = await admin.GetFromJsonAsync<PageDto<UserDto>>($"{Users}?pageSize=2");
        firstPage!.Items.Select(user => user.Id).ShouldBe([alice.Id, bob.Id]);
        firstPage.TotalCount.ShouldBe(3);
        var secondPage = await admin.GetFromJsonAsync<PageDto<UserDto>>($"{Users}?pageSize=2&page=2");
        secondPage!.Items.Select(user => user.Id).ShouldBe([carol.Id]);

        var byEmail = await admin.GetFromJsonAsync<PageDto<UserDto>>($"{Users}?search=ACCOUNTS");
        byEmail!.Items.ShouldHaveSingleItem().Id.ShouldBe(bob.Id);
        var byName = await admin.GetFromJsonAsync<PageDto<UserDto>>($"{Users}?search=aro");
        byName!.Items.ShouldHaveSingleItem().Id.ShouldBe(carol.Id);

        await (await admin.GetAsync($"{Users}?pageSize=500")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Ingest)]
    public async Task Only_owners_and_admins_see_the_team(string role)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var client = fixture.ClientFor(orgId, role);

        await (await client.GetAsync(Users)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(Users, new { email = UniqueEmail("x"), name = "X", role = "admin", password = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    internal static string UniqueEmail(string name) => $"{name}.{Guid.NewGuid():N}@example.test";

    internal static async Task<UserDto> CreateUserAsync(HttpClient client, string email, string role,
        string name = "Test User", string password = Password) =>
        await (await client.PostAsJsonAsync(Users, new { email, name, role, password }))
            .ShouldBeJsonAsync<UserDto>(HttpStatusCode.Created);
}
