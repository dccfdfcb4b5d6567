using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SessionClientScopeTests(DirectoryFixture fixture)
{
    private const string ClientScope = "/api/identity/session/client-scope";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_user_scopes_their_session_to_a_client_the_session_check_carries_it_and_clearing_widens_it_again()
    {
        var (orgId, user, sessionId) = await SignedInAsync(Roles.Finance);
        var clientId = await fixture.KnownClientAsync(orgId, "Contoso Dental");
        using var browser = fixture.ClientForSession(orgId, Roles.Finance, user.Id, sessionId);
        using var gateway = fixture.Gateway();

        (await (await browser.GetAsync(ClientScope)).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ShouldBe(new ClientScopeDto(null, null));

        (await (await browser.PutAsJsonAsync(ClientScope, new { clientId })).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ShouldBe(new ClientScopeDto(clientId, "Contoso Dental"));

        (await (await browser.GetAsync(ClientScope)).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ShouldBe(new ClientScopeDto(clientId, "Contoso Dental"));
        // What the gateway reads to mint the session's internal token: the scope travels as its client claim.
        (await (await gateway.GetAsync($"/internal/auth/sessions/{sessionId}")).ShouldBeJsonAsync<SessionUserDto>(HttpStatusCode.OK))
            .ShouldBe(new SessionUserDto(user.Id, user.Name, user.Email, orgId, Roles.Finance, Enabled: true, ClientScope: clientId));

        // Now the gateway's tokens carry the scope; clearing must still be allowed to a scoped caller.
        using var scoped = fixture.ClientForSession(orgId, Roles.Finance, user.Id, sessionId, clientId);
        (await (await scoped.DeleteAsync(ClientScope)).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ShouldBe(new ClientScopeDto(null, null));
        (await (await gateway.GetAsync($"/internal/auth/sessions/{sessionId}")).ShouldBeJsonAsync<SessionUserDto>(HttpStatusCode.OK))
            .ClientScope.ShouldBeNull();

        // Set and clear are on the Audit Log as changes of the session, in the user's name.
        await using var connection = fixture.OpenDatabase();
        var entries = (await connection.QueryAsync<(string Action, Guid ActorId, string OldValues, string NewValues)>(
            """
            SELECT action, actor_id, old_values::text, new_values::text FROM audit_log
            WHERE table_name = 'sessions' AND record_id = @id ORDER BY id
            """, new { id = sessionId.ToString() })).ToList();
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(entry => entry.Action == "update" && entry.ActorId == user.Id);
        entries[0].NewValues.ShouldContain(clientId.ToString());
        entries[1].OldValues.ShouldContain("Contoso Dental");
    }

    [Fact]
    public async Task Another_session_of_the_same_user_keeps_its_own_scope()
    {
        var (orgId, user, sessionId) = await SignedInAsync(Roles.Admin);
        var otherSession = await OpenSessionAsync(user);
        var clientId = await fixture.KnownClientAsync(orgId, "Fabrikam Legal");
        using var browser = fixture.ClientForSession(orgId, Roles.Admin, user.Id, sessionId);
        using var otherBrowser = fixture.ClientForSession(orgId, Roles.Admin, user.Id, otherSession);

        (await browser.PutAsJsonAsync(ClientScope, new { clientId })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await (await otherBrowser.GetAsync(ClientScope)).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ShouldBe(new ClientScopeDto(null, null));
    }

    [Fact]
    public async Task An_unknown_another_organizations_a_disabled_or_no_client_is_a_problem_naming_clientId()
    {
        var (orgId, user, sessionId) = await SignedInAsync(Roles.Owner);
        var foreignClient = await fixture.KnownClientAsync(await fixture.CreateOrganizationAsync(), "Not Yours");
        var disabledClient = await fixture.KnownClientAsync(orgId, "Dormant Pty", enabled: false);
        using var browser = fixture.ClientForSession(orgId, Roles.Owner, user.Id, sessionId);

        foreach (var body in new object[]
        {
            new { clientId = Guid.NewGuid() },
            new { clientId = foreignClient },
            new { clientId = disabledClient },
            new { },
        })
        {
            var problem = await (await browser.PutAsJsonAsync(ClientScope, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.ValidationErrors().Keys.ShouldBe(["clientId"]);
        }

        (await (await browser.GetAsync(ClientScope)).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ShouldBe(new ClientScopeDto(null, null));
    }

    [Fact]
    public async Task An_api_key_reads_its_own_scope_and_cannot_change_it()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var ownClient = await fixture.KnownClientAsync(orgId, "Key Client");
        var otherClient = await fixture.KnownClientAsync(orgId, "Wider Client");
        using var key = fixture.ClientForApiKey(orgId, Roles.ReadOnly, ownClient);

        (await (await key.GetAsync(ClientScope)).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ShouldBe(new ClientScopeDto(ownClient, "Key Client"));
        foreach (var change in new[]
        {
            await key.PutAsJsonAsync(ClientScope, new { clientId = otherClient }),
            await key.DeleteAsync(ClientScope),
        })
        {
            var refused = await change.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            refused.GetProperty("title").GetString().ShouldBe("Only a signed-in session can change its client scope.");
        }
        (await (await key.GetAsync(ClientScope)).ShouldBeJsonAsync<ClientScopeDto>(HttpStatusCode.OK))
            .ClientId.ShouldBe(ownClient, "the key's scope is unchanged");
    }

    [Fact]
    public async Task A_scoped_session_is_refused_organization_wide_changes_until_it_clears_its_scope()
    {
        var (orgId, user, sessionId) = await SignedInAsync(Roles.Owner);
        var clientId = await fixture.KnownClientAsync(orgId, "Northwind Traders");
        using var scoped = fixture.ClientForSession(orgId, Roles.Owner, user.Id, sessionId, clientId);

        var refused = await (await scoped.PatchAsJsonAsync("/api/identity/organization", new { billingGraceDays = 9 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain("clear the session's client scope");

        using var unscoped = fixture.ClientForSession(orgId, Roles.Owner, user.Id, sessionId);
        (await unscoped.PatchAsJsonAsync("/api/identity/organization", new { billingGraceDays = 9 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Someone_elses_session_cannot_be_scoped()
    {
        var (orgId, _, sessionId) = await SignedInAsync(Roles.Admin);
        var clientId = await fixture.KnownClientAsync(orgId, "Adventure Works");
        using var intruder = fixture.ClientForSession(orgId, Roles.Admin, Guid.NewGuid(), sessionId);

        await (await intruder.PutAsJsonAsync(ClientScope, new { clientId })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.GetAsync(ClientScope)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(Guid OrgId, UserDto User, Guid SessionId)> SignedInAsync(string role)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        var user = await UsersApiTests.CreateUserAsync(owner, UsersApiTests.UniqueEmail("scope"), role, "Scoping User", Password);
        return (orgId, user, await OpenSessionAsync(user));
    }

    private async Task<Guid> OpenSessionAsync(UserDto user)
    {
        using var gateway = fixture.Gateway();
        var signedIn = await (await gateway.PostAsJsonAsync("/internal/auth/sign-in",
                new { email = user.Email, password = Password, source = $"198.51.100.7-{Guid.NewGuid():N}" }))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK);
        return signedIn.SessionId;
    }
}
