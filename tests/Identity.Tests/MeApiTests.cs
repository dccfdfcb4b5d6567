using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MeApiTests(DirectoryFixture fixture)
{
    private const string Me = "/api/identity/me";
    private const string MyPassword = "/api/identity/me/password";
    private const string MySessions = "/api/identity/me/sessions";
    private const string EndOthers = "/api/identity/me/sessions/end-others";
    private const string Password = "correct horse battery staple";
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task A_read_only_user_reads_their_profile_and_renames_themselves_on_the_audit_log()
    {
        var (orgId, user) = await CreateUserAsync(Roles.ReadOnly, "Reading Rita", organizationName: "Rita's MSP");
        var (sessionId, _) = await SignInAsync(user);
        using var browser = fixture.ClientForSession(orgId, Roles.ReadOnly, user.Id, sessionId);

        var profile = await (await browser.GetAsync(Me)).ShouldBeJsonAsync<MeDto>(HttpStatusCode.OK);
        (profile with { LastSignInAt = null }).ShouldBe(new MeDto(user.Id, "Reading Rita", user.Email, Roles.ReadOnly,
            new ClientScopeDto(null, null), "Rita's MSP", user.CreatedAt, null));
        profile.LastSignInAt.ShouldNotBeNull("the sign-in just now is stored");

        var renamed = await (await browser.PatchAsJsonAsync(Me, new { name = "  Rita Reader  " }))
            .ShouldBeJsonAsync<MeDto>(HttpStatusCode.OK);
        renamed.Name.ShouldBe("Rita Reader");
        renamed.Email.ShouldBe(user.Email, "the email is not changed here");
        (await (await browser.GetAsync(Me)).ShouldBeJsonAsync<MeDto>(HttpStatusCode.OK)).Name.ShouldBe("Rita Reader");

        var rename = (await fixture.EntriesAsync("users", user.Id)).Single(entry => entry.Action == "update");
        (rename.ActorType, rename.ActorId).ShouldBe((ActorTypes.User, user.Id));
        rename.Old.GetProperty("name").GetString().ShouldBe("Reading Rita");
        rename.New.GetProperty("name").GetString().ShouldBe("Rita Reader");
    }

    [Fact]
    public async Task A_client_scoped_session_sees_its_scope_and_may_still_rename_itself()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance, "Scoped Sam");
        var clientId = await fixture.KnownClientAsync(orgId, "Contoso Dental");
        var (sessionId, _) = await SignInAsync(user);
        using var scoped = fixture.ClientForSession(orgId, Roles.Finance, user.Id, sessionId, clientId);

        (await (await scoped.GetAsync(Me)).ShouldBeJsonAsync<MeDto>(HttpStatusCode.OK))
            .ClientScope.ShouldBe(new ClientScopeDto(clientId, "Contoso Dental"));
        (await (await scoped.PatchAsJsonAsync(Me, new { name = "Sam" })).ShouldBeJsonAsync<MeDto>(HttpStatusCode.OK))
            .Name.ShouldBe("Sam");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Tab\tName")]
    [InlineData(null)]
    public async Task A_missing_blank_or_control_character_name_is_a_problem_naming_name(string? name)
    {
        var (orgId, user) = await CreateUserAsync(Roles.Admin, "Unchanged Una");
        using var browser = fixture.ClientForSession(orgId, Roles.Admin, user.Id, (await SignInAsync(user)).SessionId);

        var problem = await (await browser.PatchAsJsonAsync(Me, new { name })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors().Keys.ShouldBe(["name"]);
        (await (await browser.GetAsync(Me)).ShouldBeJsonAsync<MeDto>(HttpStatusCode.OK)).Name.ShouldBe("Unchanged Una");
    }

    [Fact]
    public async Task A_name_longer_than_users_names_may_be_is_a_problem_naming_name()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Owner);
        using var browser = fixture.ClientForSession(orgId, Roles.Owner, user.Id, (await SignInAsync(user)).SessionId);

        var problem = await (await browser.PatchAsJsonAsync(Me, new { name = new string('n', 201) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors()["name"].Single().ShouldContain("200");
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_keeps_this_one_and_audits_no_password()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        var (current, _) = await SignInAsync(user);
        var (laptop, _) = await SignInAsync(user);
        var (phone, _) = await SignInAsync(user);
        using var browser = fixture.ClientForSession(orgId, Roles.Finance, user.Id, current);

        (await (await browser.PostAsJsonAsync(MyPassword, new { currentPassword = Password, newPassword = NewPassword }))
            .ShouldBeJsonAsync<EndedSessionsDto>(HttpStatusCode.OK)).ShouldBe(new EndedSessionsDto(2));

        using var gateway = fixture.Gateway();
        (await gateway.GetAsync($"/internal/auth/sessions/{current}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await gateway.GetAsync($"/internal/auth/sessions/{laptop}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await gateway.GetAsync($"/internal/auth/sessions/{phone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SignInAttemptAsync(user.Email, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInAttemptAsync(user.Email, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var change = (await fixture.EntriesAsync("users", user.Id)).Single(entry => entry.Action == "update");
        change.ActorId.ShouldBe(user.Id);
        change.New.GetProperty("passwordChanged").GetBoolean().ShouldBeTrue();
        change.NewValues!.ShouldNotContain(NewPassword);
        change.NewValues!.ShouldNotContain(Password);
        (await fixture.EntriesAsync("sessions", laptop)).Single().Action.ShouldBe("delete");
    }

    [Fact]
    public async Task A_password_change_takes_no_idempotency_key_so_no_fingerprint_of_its_body_is_kept()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        var (current, _) = await SignInAsync(user);
        using var browser = fixture.ClientForSession(orgId, Roles.Finance, user.Id, current);
        HttpRequestMessage Change() => new(HttpMethod.Post, MyPassword)
        {
            Content = JsonContent.Create(new { currentPassword = Password, newPassword = NewPassword }),
            Headers = { { "Idempotency-Key", "change-once" } },
        };

        using var first = await browser.SendAsync(Change());
        using var repeat = await browser.SendAsync(Change());

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Run again, not replayed: the password it gives as current has changed meanwhile.
        repeat.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await repeat.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["currentPassword"]);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_problem_naming_it_and_counts_as_a_failed_sign_in()
    {
        var (orgId, user) = await CreateUserAsync(Roles.ReadOnly);
        var (current, source) = await SignInAsync(user);
        var (other, _) = await SignInAsync(user);
        using var browser = fixture.ClientForSession(orgId, Roles.ReadOnly, user.Id, current);

        var problem = await (await browser.PostAsJsonAsync(MyPassword,
            new { currentPassword = "not the password at all", newPassword = NewPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors().Keys.ShouldBe(["currentPassword"]);
        await using var connection = fixture.OpenDatabase();
        (await connection.QuerySingleAsync<int>(
            "SELECT failures FROM sign_in_throttles WHERE account = lower(@Email) AND source = @source",
            new { user.Email, source })).ShouldBe(1, "the failure counts where the session signed in from");
        using var gateway = fixture.Gateway();
        (await gateway.GetAsync($"/internal/auth/sessions/{other}")).StatusCode.ShouldBe(HttpStatusCode.OK,
            "nothing changed, so no session ended");
        (await SignInAttemptAsync(user.Email, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_throttled_session_address_gets_429_without_a_password_check()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Admin);
        var (current, source) = await SignInAsync(user);
        await using (var connection = fixture.OpenDatabase())
        {
            await connection.ExecuteAsync("""
                INSERT INTO sign_in_throttles (account, source, failures, last_failure_at, blocked_until)
                VALUES (lower(@Email), @source, 5, now(), now() + interval '10 minutes')
                """, new { user.Email, source });
        }
        using var browser = fixture.ClientForSession(orgId, Roles.Admin, user.Id, current);

        var response = await browser.PostAsJsonAsync(MyPassword, new { currentPassword = Password, newPassword = NewPassword });

        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.ShouldNotBeNull();
        (await SignInAttemptAsync(user.Email, Password)).StatusCode.ShouldBe(HttpStatusCode.OK,
            "the right password stays the password");
    }

    [Theory]
    [InlineData(null, "a brand new passphrase", "currentPassword")]
    [InlineData("", "a brand new passphrase", "currentPassword")]
    [InlineData(Password, "too short", "newPassword")]
    [InlineData(Password, null, "newPassword")]
    public async Task A_missing_current_or_a_new_password_outside_the_rules_is_a_problem_naming_the_field(
        string? currentPassword, string? newPassword, string field)
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        using var browser = fixture.ClientForSession(orgId, Roles.Finance, user.Id, (await SignInAsync(user)).SessionId);

        var problem = await (await browser.PostAsJsonAsync(MyPassword, new { currentPassword, newPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors().Keys.ShouldBe([field]);
        (await SignInAttemptAsync(user.Email, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_lists_their_live_sessions_with_the_current_one_marked_and_where_each_signed_in_from()
    {
        var (orgId, user) = await CreateUserAsync(Roles.ReadOnly);
        var (first, firstSource) = await SignInAsync(user);
        var (current, currentSource) = await SignInAsync(user);
        var (_, stranger) = await CreateUserAsync(Roles.ReadOnly, organizationId: orgId);
        await SignInAsync(stranger);
        using var browser = fixture.ClientForSession(orgId, Roles.ReadOnly, user.Id, current);

        var sessions = await (await browser.GetAsync(MySessions)).ShouldBeJsonAsync<List<MySessionDto>>(HttpStatusCode.OK);

        sessions.Select(session => (session.Id, session.IpAddress, session.Current)).ShouldBe(
            [(current, currentSource, true), (first, firstSource, false)], ignoreOrder: true);
        sessions.ShouldAllBe(session => session.ExpiresAt > session.CreatedAt && session.LastSeenAt >= session.CreatedAt);
    }

    [Fact]
    public async Task Each_session_keeps_the_user_agent_it_signed_in_with_cut_at_512_characters_and_none_when_missing()
    {
        const string firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        var tooLong = "Mozilla/5.0 " + new string('x', 600);
        var (orgId, user) = await CreateUserAsync(Roles.ReadOnly);
        var (browserSession, _) = await SignInAsync(user, userAgent: firefox);
        var (longSession, _) = await SignInAsync(user, userAgent: tooLong);
        var (blankSession, _) = await SignInAsync(user, userAgent: "   ");
        var (current, _) = await SignInAsync(user);
        using var browser = fixture.ClientForSession(orgId, Roles.ReadOnly, user.Id, current);

        var sessions = (await (await browser.GetAsync(MySessions)).ShouldBeJsonAsync<List<MySessionDto>>(HttpStatusCode.OK))
            .ToDictionary(session => session.Id, session => session.UserAgent);

        sessions[browserSession].ShouldBe(firefox);
        sessions[longSession].ShouldBe(tooLong[..512]);
        sessions[blankSession].ShouldBeNull();
        sessions[current].ShouldBeNull("no user agent was sent");
        await using var connection = fixture.OpenDatabase();
        (await connection.ExecuteScalarAsync<string?>("SELECT user_agent FROM sessions WHERE id = @browserSession",
            new { browserSession })).ShouldBe(firefox);
    }

    [Fact]
    public async Task Ending_one_of_your_sessions_signs_it_out_at_the_session_check_and_is_audited()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        var (current, _) = await SignInAsync(user);
        var (other, _) = await SignInAsync(user);
        using var browser = fixture.ClientForSession(orgId, Roles.Finance, user.Id, current);

        (await browser.DeleteAsync($"{MySessions}/{other}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var gateway = fixture.Gateway();
        await (await gateway.GetAsync($"/internal/auth/sessions/{other}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await browser.GetAsync(MySessions)).ShouldBeJsonAsync<List<MySessionDto>>(HttpStatusCode.OK))
            .Select(session => session.Id).ShouldBe([current]);
        var ended = (await fixture.EntriesAsync("sessions", other)).Single();
        (ended.Action, ended.ActorId).ShouldBe(("delete", user.Id));
        await (await browser.DeleteAsync($"{MySessions}/{other}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_session_is_not_found_and_stays_open()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Owner);
        var (_, colleague) = await CreateUserAsync(Roles.ReadOnly, organizationId: orgId);
        var (colleagueSession, _) = await SignInAsync(colleague);
        using var browser = fixture.ClientForSession(orgId, Roles.Owner, user.Id, (await SignInAsync(user)).SessionId);

        var problem = await (await browser.DeleteAsync($"{MySessions}/{colleagueSession}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.GetProperty("title").GetString().ShouldBe("Session not found.");
        using var gateway = fixture.Gateway();
        (await gateway.GetAsync($"/internal/auth/sessions/{colleagueSession}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ending_the_other_sessions_keeps_the_current_one_and_leaves_other_users_alone()
    {
        var (orgId, user) = await CreateUserAsync(Roles.ReadOnly);
        var (current, _) = await SignInAsync(user);
        var (laptop, _) = await SignInAsync(user);
        var (phone, _) = await SignInAsync(user);
        var (_, colleague) = await CreateUserAsync(Roles.ReadOnly, organizationId: orgId);
        var (colleagueSession, _) = await SignInAsync(colleague);
        using var browser = fixture.ClientForSession(orgId, Roles.ReadOnly, user.Id, current);

        (await (await browser.PostAsync(EndOthers, null)).ShouldBeJsonAsync<EndedSessionsDto>(HttpStatusCode.OK))
            .ShouldBe(new EndedSessionsDto(2));

        using var gateway = fixture.Gateway();
        (await gateway.GetAsync($"/internal/auth/sessions/{current}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await gateway.GetAsync($"/internal/auth/sessions/{colleagueSession}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var ended in new[] { laptop, phone })
        {
            await (await gateway.GetAsync($"/internal/auth/sessions/{ended}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            (await fixture.EntriesAsync("sessions", ended)).Single().Action.ShouldBe("delete");
        }
        (await (await browser.PostAsync(EndOthers, null)).ShouldBeJsonAsync<EndedSessionsDto>(HttpStatusCode.OK))
            .ShouldBe(new EndedSessionsDto(0));
    }

    [Fact]
    public async Task An_api_key_has_no_profile_password_or_sessions()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var key = fixture.ClientForApiKey(orgId, Roles.Admin, await fixture.KnownClientAsync(orgId, "Key Client"));

        foreach (var response in new[]
        {
            await key.GetAsync(Me),
            await key.PatchAsJsonAsync(Me, new { name = "Robot" }),
            await key.PostAsJsonAsync(MyPassword, new { currentPassword = Password, newPassword = NewPassword }),
            await key.GetAsync(MySessions),
            await key.DeleteAsync($"{MySessions}/{Guid.NewGuid()}"),
            await key.PostAsync(EndOthers, null),
        })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            problem.GetProperty("title").GetString().ShouldBe("Only a signed-in user has a profile.");
        }
    }

    private async Task<(Guid OrgId, UserDto User)> CreateUserAsync(string role, string name = "Me Myself",
        Guid? organizationId = null, string organizationName = "Test MSP")
    {
        var orgId = organizationId ?? await fixture.CreateOrganizationAsync(organizationName);
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        return (orgId, await UsersApiTests.CreateUserAsync(owner, UsersApiTests.UniqueEmail("me"), role, name, Password));
    }

    /// <summary>Signs <paramref name="user"/> in from an address of its own, as the gateway does; the session and the address.</summary>
    private async Task<(Guid SessionId, string Source)> SignInAsync(UserDto user, string? userAgent = null)
    {
        var source = $"203.0.113.{Random.Shared.Next(1, 255)}-{Guid.NewGuid():N}";
        using var gateway = fixture.Gateway();
        var signedIn = await (await gateway.PostAsJsonAsync("/internal/auth/sign-in",
            new { email = user.Email, password = Password, source, userAgent }))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK);
        return (signedIn.SessionId, source);
    }

    private async Task<HttpResponseMessage> SignInAttemptAsync(string email, string password)
    {
        using var gateway = fixture.Gateway();
        return await gateway.PostAsJsonAsync("/internal/auth/sign-in",
            new { email, password, source = $"198.51.100.20-{Guid.NewGuid():N}" });
    }
}
