using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;
using BillingOne.Testing;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SignInTests(DirectoryFixture fixture)
{
    private const string SignIn = "/internal/auth/sign-in";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_right_password_signs_in_opens_a_session_and_stamps_the_last_sign_in()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        using var gateway = fixture.Gateway();

        var signedIn = await (await SignInAsync(gateway, user.Email.ToUpperInvariant(), Password, NewSource()))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK);

        (signedIn with { SessionId = Guid.Empty, SessionExpiresAt = default })
            .ShouldBe(new SignedInUserDto(user.Id, user.Name, user.Email, orgId, Roles.Finance, Guid.Empty, default));
        // The absolute lifetime is set at sign-in: twelve hours by default.
        signedIn.SessionExpiresAt.ShouldBe(DateTimeOffset.UtcNow.AddHours(12), TimeSpan.FromMinutes(1));
        await using var connection = fixture.OpenDatabase();
        (await connection.QuerySingleAsync<Guid>("SELECT user_id FROM sessions WHERE id = @SessionId", new { signedIn.SessionId }))
            .ShouldBe(user.Id);
        (await connection.QuerySingleAsync<DateTime?>("SELECT last_sign_in_at FROM users WHERE id = @Id", new { user.Id }))
            .ShouldNotBeNull();
        // Who signed in, and when, is on the Audit Log, in the user's own name.
        var entry = await connection.QuerySingleAsync<(string ActorType, Guid ActorId)>(
            "SELECT actor_type, actor_id FROM audit_log WHERE record_id = @id AND action = 'sign-in'",
            new { id = user.Id.ToString() });
        entry.ShouldBe((ActorTypes.User, user.Id));
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_email_and_a_disabled_user_get_the_same_answer()
    {
        var (orgId, user) = await CreateUserAsync(Roles.ReadOnly);
        var (_, disabled) = await CreateUserAsync(Roles.ReadOnly, orgId);
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        (await admin.PostAsync($"/api/identity/users/{disabled.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var gateway = fixture.Gateway();

        var answers = new List<JsonElement>();
        foreach (var (email, password) in new[]
        {
            (user.Email, "wrong password 123"),
            (UsersApiTests.UniqueEmail("nobody"), Password),
            (disabled.Email, Password),
        })
        {
            answers.Add(await (await SignInAsync(gateway, email, password, NewSource())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized));
        }

        answers.Select(answer => (answer.GetProperty("title").GetString(), answer.GetProperty("detail").GetString()))
            .Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Failures_from_one_source_make_it_wait_longer_and_longer()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();
        var source = NewSource();

        for (var attempt = 1; attempt < SignInThrottle.FreeFailuresPerSource; attempt++)
        {
            await (await SignInAsync(gateway, user.Email, "wrong password 123", source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        var waits = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var throttled = await SignInAsync(gateway, user.Email, "wrong password 123", source);
            var problem = await throttled.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            var retryAfter = throttled.Headers.RetryAfter!.Delta!.Value;
            problem.GetProperty("retryAfterSeconds").GetInt64().ShouldBe((long)retryAfter.TotalSeconds);
            waits.Add(retryAfter);

            // While it waits, even the right password is not checked from there.
            await (await SignInAsync(gateway, user.Email, Password, source)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            await EndWaitAsync(user.Email, source);
        }

        waits.ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)]);
        await using var connection = fixture.OpenDatabase();
        // Each wait that starts is audited by the service in the user's organization; single failures are not.
        (await connection.QueryAsync<string>("SELECT actor_type FROM audit_log WHERE record_id = @id AND action = 'lock'",
            new { id = user.Id.ToString() })).ShouldBe([ActorTypes.Service, ActorTypes.Service, ActorTypes.Service]);
        // Once the wait is over, the right password gets in and the source starts afresh.
        (await SignInAsync(gateway, user.Email, Password, source)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await SignInAsync(gateway, user.Email, "wrong password 123", source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_attacker_from_one_source_cannot_lock_the_user_out_from_another()
    {
        var (_, user) = await CreateUserAsync(Roles.Owner);
        using var gateway = fixture.Gateway();
        var attacker = NewSource();
        for (var attempt = 0; attempt < SignInThrottle.FreeFailuresPerSource + 3; attempt++)
        {
            await SignInAsync(gateway, user.Email, $"guess {attempt}", attacker);
            await EndWaitAsync(user.Email, attacker);
        }
        await (await SignInAsync(gateway, user.Email, "one more guess", attacker)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        (await SignInAsync(gateway, user.Email, Password, NewSource())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Guessing_from_many_sources_holds_the_account_back_everywhere_but_the_users_own_addresses()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Owner);
        using var gateway = fixture.Gateway();
        var usual = NewSource();
        var sessionId = (await (await SignInAsync(gateway, user.Email, Password, usual))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK)).SessionId;
        for (var attempt = 1; attempt < SignInThrottle.FailuresMeaningAttack; attempt++)
        {
            await (await SignInAsync(gateway, user.Email, $"guess {attempt}", NewSource())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        // Under attack (this is failure number 20) the account waits, doubling with each further failure ...
        var next = await SignInAsync(gateway, user.Email, "another guess", NewSource());
        await next.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        next.Headers.RetryAfter!.Delta.ShouldBe(SignInThrottle.FirstDelay);
        // ... so a guesser's fresh address is refused before its first guess is checked, even with the right password ...
        await (await SignInAsync(gateway, user.Email, Password, NewSource())).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        // ... while the owner, from an address they signed in from before, gets in at once.
        (await SignInAsync(gateway, user.Email, Password, usual)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // And is told, in the app, until they acknowledge it.
        using var browser = fixture.ClientForSession(orgId, Roles.Owner, user.Id, sessionId);
        var notice = await (await browser.GetAsync("/api/identity/me/failed-sign-ins"))
            .ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        notice.GetProperty("count").GetInt32().ShouldBe(SignInThrottle.FailuresMeaningAttack);
        notice.GetProperty("accountThrottledUntil").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        (await browser.PostAsync("/api/identity/me/failed-sign-ins/seen", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.GetAsync("/api/identity/me/failed-sign-ins")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_users_own_few_typos_are_not_reported_as_an_attack()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        using var gateway = fixture.Gateway();
        var source = NewSource();
        for (var attempt = 1; attempt < SignInThrottle.FreeFailuresPerSource; attempt++)
        {
            await (await SignInAsync(gateway, user.Email, "typo", source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        var sessionId = (await (await SignInAsync(gateway, user.Email, Password, source))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK)).SessionId;

        using var browser = fixture.ClientForSession(orgId, Roles.Finance, user.Id, sessionId);
        (await browser.GetAsync("/api/identity/me/failed-sign-ins")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_unknown_email_is_throttled_exactly_like_a_known_one()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();

        async Task<List<(HttpStatusCode, string?, bool)>> AnswersAsync(string email)
        {
            var source = NewSource();
            var answers = new List<(HttpStatusCode, string?, bool)>();
            for (var attempt = 0; attempt < SignInThrottle.FreeFailuresPerSource + 2; attempt++)
            {
                using var response = await SignInAsync(gateway, email, "wrong password 123", source);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                answers.Add((response.StatusCode, problem.GetProperty("title").GetString(), response.Headers.RetryAfter is not null));
                if (attempt == SignInThrottle.FreeFailuresPerSource - 1)
                {
                    // The failure that starts the wait names it exactly; later ones name what is left of it.
                    response.Headers.RetryAfter!.Delta.ShouldBe(SignInThrottle.FirstDelay, email);
                }
            }
            return answers;
        }

        (await AnswersAsync(UsersApiTests.UniqueEmail("nobody"))).ShouldBe(await AnswersAsync(user.Email));
    }

    [Fact]
    public async Task A_success_resets_the_count_of_failures_from_its_source()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();
        var source = NewSource();

        for (var attempt = 1; attempt < SignInThrottle.FreeFailuresPerSource; attempt++)
        {
            await (await SignInAsync(gateway, user.Email, "wrong password 123", source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        (await SignInAsync(gateway, user.Email, Password, source)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await SignInAsync(gateway, user.Email, "wrong password 123", source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_email_in_two_organizations_signs_in_where_the_password_fits_or_asks_which()
    {
        var email = UsersApiTests.UniqueEmail("twice");
        var (firstOrg, first) = await CreateUserAsync(Roles.Admin, email: email);
        var (secondOrg, second) = await CreateUserAsync(Roles.Finance, email: email, password: "another good password");
        using var gateway = fixture.Gateway();

        (await (await SignInAsync(gateway, email, "another good password", NewSource()))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK)).Id.ShouldBe(second.Id);

        await using (var connection = fixture.OpenDatabase())
        {
            await connection.ExecuteAsync("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE id = @first) WHERE id = @second",
                new { first = first.Id, second = second.Id });
        }
        var ambiguous = await (await SignInAsync(gateway, email, Password, NewSource())).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        ambiguous.GetProperty("organizations").EnumerateArray().Select(org => org.GetProperty("id").GetGuid())
            .ShouldBe([firstOrg, secondOrg], ignoreOrder: true);

        (await (await SignInAsync(gateway, email, Password, NewSource(), secondOrg))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK)).OrgId.ShouldBe(secondOrg);
    }

    [Fact]
    public async Task A_hash_made_with_weaker_settings_is_upgraded_at_the_next_sign_in()
    {
        var (_, user) = await CreateUserAsync(Roles.Finance);
        var weakHasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));
        var weakHash = weakHasher.HashPassword(null!, Password);
        await using var connection = fixture.OpenDatabase();
        await connection.ExecuteAsync("UPDATE users SET password_hash = @weakHash WHERE id = @Id", new { weakHash, user.Id });
        using var gateway = fixture.Gateway();

        (await SignInAsync(gateway, user.Email, Password, NewSource())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var upgraded = await connection.QuerySingleAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id });
        upgraded.ShouldNotBe(weakHash);
        new PasswordHasher<User>().VerifyHashedPassword(null!, upgraded, Password).ShouldBe(PasswordVerificationResult.Success);
    }

    [Fact]
    public async Task A_session_check_reports_the_users_current_role_and_whether_they_are_enabled()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var gateway = fixture.Gateway();
        var session = $"/internal/auth/sessions/{await OpenSessionAsync(gateway, user)}";

        (await (await gateway.GetAsync(session)).ShouldBeJsonAsync<SessionUserDto>(HttpStatusCode.OK))
            .ShouldBe(new SessionUserDto(user.Id, user.Name, user.Email, orgId, Roles.Finance, Enabled: true));

        (await admin.PatchAsJsonAsync($"/api/identity/users/{user.Id}", new { role = "read-only" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/identity/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = await (await gateway.GetAsync(session)).ShouldBeJsonAsync<SessionUserDto>(HttpStatusCode.OK);
        changed.Role.ShouldBe(Roles.ReadOnly);
        changed.Enabled.ShouldBeFalse();

        await (await gateway.GetAsync($"/internal/auth/sessions/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // A user id is no session id.
        await (await gateway.GetAsync($"/internal/auth/sessions/{user.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_good()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();
        var sessionId = await OpenSessionAsync(gateway, user);
        var other = await OpenSessionAsync(gateway, user);

        (await gateway.DeleteAsync($"/internal/auth/sessions/{sessionId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await gateway.GetAsync($"/internal/auth/sessions/{sessionId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await gateway.DeleteAsync($"/internal/auth/sessions/{sessionId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await gateway.GetAsync($"/internal/auth/sessions/{other}")).StatusCode.ShouldBe(HttpStatusCode.OK,
            "signing out one browser leaves the user's others signed in");
    }

    [Fact]
    public async Task A_session_idle_for_thirty_minutes_ends_and_one_in_use_slides_on()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();
        var active = await OpenSessionAsync(gateway, user);
        var idle = await OpenSessionAsync(gateway, user);
        await using var connection = fixture.OpenDatabase();
        await connection.ExecuteAsync("""
            UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = @active;
            UPDATE sessions SET last_seen_at = now() - interval '30 minutes 1 second' WHERE id = @idle;
            """, new { active, idle });

        (await gateway.GetAsync($"/internal/auth/sessions/{active}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await gateway.GetAsync($"/internal/auth/sessions/{idle}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await connection.QuerySingleAsync<DateTime>("SELECT last_seen_at FROM sessions WHERE id = @active", new { active }))
            .ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1), "the check counts as activity");
        (await connection.QuerySingleAsync<int>("SELECT count(*) FROM sessions WHERE id = @idle", new { idle })).ShouldBe(0);
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();
        var sessionId = await OpenSessionAsync(gateway, user);
        await using var connection = fixture.OpenDatabase();
        await connection.ExecuteAsync("""
            UPDATE sessions SET created_at = now() - interval '12 hours', expires_at = now() - interval '1 second',
                                last_seen_at = now()
            WHERE id = @sessionId
            """, new { sessionId });

        await (await gateway.GetAsync($"/internal/auth/sessions/{sessionId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_internal_endpoints_refuse_anyone_but_the_gateway()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Owner);
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        using var anonymous = fixture.Anonymous();
        var credentials = new { email = user.Email, password = Password };

        await (await owner.PostAsJsonAsync(SignIn, credentials)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.PostAsJsonAsync(SignIn, credentials)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await owner.GetAsync($"/internal/auth/sessions/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.DeleteAsync($"/internal/auth/sessions/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_sign_in_without_email_or_password_is_a_validation_problem()
    {
        using var gateway = fixture.Gateway();

        var problem = await (await gateway.PostAsJsonAsync(SignIn, new { email = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors().Keys.ShouldBe(["email", "password"], ignoreOrder: true);
    }

    private static string NewSource() => $"203.0.113.{Random.Shared.Next(256)}-{Guid.NewGuid():N}";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient gateway, string email, string password, string source,
        Guid? organizationId = null) =>
        gateway.PostAsJsonAsync(SignIn, new { email, password, source, organizationId });

    private static async Task<Guid> OpenSessionAsync(HttpClient gateway, UserDto user) =>
        (await (await SignInAsync(gateway, user.Email, Password, NewSource())).ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK))
        .SessionId;

    /// <summary>Lets the wait of <paramref name="source"/> run out, as time passing would.</summary>
    private async Task EndWaitAsync(string email, string source)
    {
        await using var connection = fixture.OpenDatabase();
        await connection.ExecuteAsync(
            "UPDATE sign_in_throttles SET blocked_until = now() - interval '1 second' WHERE account = lower(@email) AND source = @source",
            new { email, source });
    }

    private async Task<(Guid OrgId, UserDto User)> CreateUserAsync(string role, Guid? orgId = null, string? email = null,
        string password = Password)
    {
        var org = orgId ?? await fixture.CreateOrganizationAsync();
        using var owner = fixture.ClientFor(org, Roles.Owner);
        var user = await UsersApiTests.CreateUserAsync(owner, email ?? UsersApiTests.UniqueEmail("signin"), role, "Signing In", password);
        return (org, user);
    }
}
