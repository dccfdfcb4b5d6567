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
    public async Task The_right_password_signs_in_and_stamps_the_last_sign_in()
    {
        var (orgId, user) = await CreateUserAsync(Roles.Finance);
        using var gateway = fixture.Gateway();

        var signedIn = await (await gateway.PostAsJsonAsync(SignIn, new { email = user.Email.ToUpperInvariant(), password = Password }))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK);

        signedIn.ShouldBe(new SignedInUserDto(user.Id, user.Name, user.Email, orgId, Roles.Finance));
        await using var connection = fixture.OpenDatabase();
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
        foreach (var attempt in new[]
        {
            new { email = user.Email, password = "wrong password 123" },
            new { email = UsersApiTests.UniqueEmail("nobody"), password = Password },
            new { email = disabled.Email, password = Password },
        })
        {
            answers.Add(await (await gateway.PostAsJsonAsync(SignIn, attempt)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized));
        }

        answers.Select(answer => (answer.GetProperty("title").GetString(), answer.GetProperty("detail").GetString()))
            .Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_lock_the_account_for_fifteen_minutes()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();
        var wrong = new { email = user.Email, password = "wrong password 123" };

        for (var attempt = 1; attempt < SignInLockout.MaxConsecutiveFailures; attempt++)
        {
            await (await gateway.PostAsJsonAsync(SignIn, wrong)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        var locking = await gateway.PostAsJsonAsync(SignIn, wrong);
        await locking.ShouldBeProblemAsync(HttpStatusCode.Locked);
        locking.Headers.RetryAfter!.Delta!.Value.ShouldBe(TimeSpan.FromMinutes(15), tolerance: TimeSpan.FromMinutes(1));

        // Locked means locked: the right password is refused too, and says for how long.
        var refused = await gateway.PostAsJsonAsync(SignIn, new { email = user.Email, password = Password });
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Locked);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        problem.GetProperty("retryAfterSeconds").GetInt64().ShouldBe((long)retryAfter.TotalSeconds);

        await using var connection = fixture.OpenDatabase();
        var lockedUntil = await connection.QuerySingleAsync<DateTime>("SELECT locked_until FROM users WHERE id = @Id", new { user.Id });
        lockedUntil.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(14));
        // The lock is audited once, by the service; the single failures before it are not.
        (await connection.QueryAsync<string>("SELECT actor_type FROM audit_log WHERE record_id = @id AND action = 'lock'",
            new { id = user.Id.ToString() })).ShouldBe([ActorTypes.Service]);

        // When the lock has run out, the right password gets in and the count starts over.
        await connection.ExecuteAsync("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = @Id", new { user.Id });
        (await gateway.PostAsJsonAsync(SignIn, new { email = user.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await connection.QuerySingleAsync<int>("SELECT failed_sign_ins FROM users WHERE id = @Id", new { user.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task A_success_resets_the_count_of_wrong_passwords()
    {
        var (_, user) = await CreateUserAsync(Roles.Admin);
        using var gateway = fixture.Gateway();
        var wrong = new { email = user.Email, password = "wrong password 123" };

        for (var attempt = 1; attempt < SignInLockout.MaxConsecutiveFailures; attempt++)
        {
            await (await gateway.PostAsJsonAsync(SignIn, wrong)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        (await gateway.PostAsJsonAsync(SignIn, new { email = user.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await gateway.PostAsJsonAsync(SignIn, wrong)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
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

        (await gateway.PostAsJsonAsync(SignIn, new { email = user.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);

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
        var session = $"/internal/auth/sessions/{user.Id}";

        (await (await gateway.GetAsync(session)).ShouldBeJsonAsync<SessionUserDto>(HttpStatusCode.OK))
            .ShouldBe(new SessionUserDto(user.Id, user.Name, user.Email, orgId, Roles.Finance, Enabled: true));

        (await admin.PatchAsJsonAsync($"/api/identity/users/{user.Id}", new { role = "read-only" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/identity/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = await (await gateway.GetAsync(session)).ShouldBeJsonAsync<SessionUserDto>(HttpStatusCode.OK);
        changed.Role.ShouldBe(Roles.ReadOnly);
        changed.Enabled.ShouldBeFalse();

        await (await gateway.GetAsync($"/internal/auth/sessions/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
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
        await (await owner.GetAsync($"/internal/auth/sessions/{user.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_sign_in_without_email_or_password_is_a_validation_problem()
    {
        using var gateway = fixture.Gateway();

        var problem = await (await gateway.PostAsJsonAsync(SignIn, new { email = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors().Keys.ShouldBe(["email", "password"], ignoreOrder: true);
    }

    private async Task<(Guid OrgId, UserDto User)> CreateUserAsync(string role, Guid? orgId = null)
    {
        var org = orgId ?? await fixture.CreateOrganizationAsync();
        using var owner = fixture.ClientFor(org, Roles.Owner);
        var user = await UsersApiTests.CreateUserAsync(owner, UsersApiTests.UniqueEmail("signin"), role, "Signing In", Password);
        return (org, user);
    }
}
