using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;
using BillingOne.Testing;
using Dapper;

namespace BillingOne.Identity.Tests;

/// <summary>
/// Two-factor sign-in end to end in the identity service: enrollment, confirmation, the sign-in's code step (wrong,
/// replayed, too many), disabling with a code or the password, the organization's switch, and the audit log.
/// </summary>
[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwoFactorTests(DirectoryFixture fixture)
{
    private const string Password = "correct horse battery staple";
    private const string TwoFactor = "/api/identity/me/two-factor";

    /// <summary>Far more than a request takes on a loaded machine.</summary>
    private static readonly TimeSpan StepTimeLeft = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Enrolling_shows_the_secret_once_and_a_first_code_turns_two_factor_on_audited_with_the_secret_encrypted()
    {
        var (orgId, user, browser) = await SignedInAsync(Roles.Finance);

        (await (await browser.GetAsync(TwoFactor)).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK))
            .ShouldBe(new StatusDto(false, null, false, false));
        using var enrollResponse = await browser.PostAsync($"{TwoFactor}/enrollment", null);
        enrollResponse.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var enrollment = await enrollResponse.ShouldBeJsonAsync<EnrollmentDto>(HttpStatusCode.OK);
        enrollment.OtpAuthUri.ShouldBe(
            $"otpauth://totp/BillingOne%3A{Uri.EscapeDataString(user.Email)}?secret={enrollment.Secret}&issuer=BillingOne" +
            "&algorithm=SHA1&digits=6&period=30");
        (await (await browser.GetAsync(TwoFactor)).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK)).Pending.ShouldBeTrue();

        var secret = Base32.Decode(enrollment.Secret).ShouldNotBeNull();
        var status = await (await browser.PostAsJsonAsync($"{TwoFactor}/confirm",
            new { code = Spaced(Totp.ComputeAt(secret, DateTimeOffset.UtcNow)) })).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK);

        status.Enabled.ShouldBeTrue();
        status.Pending.ShouldBeFalse();
        status.EnabledAt.ShouldNotBeNull();
        await using (var connection = fixture.OpenDatabase())
        {
            var stored = await connection.ExecuteScalarAsync<string>(
                "SELECT protected_secret FROM user_totp WHERE org_id = @orgId AND user_id = @Id", new { orgId, user.Id });
            stored.ShouldNotBeNull().ShouldNotContain(enrollment.Secret);
            stored.ShouldNotContain(Convert.ToBase64String(secret));
        }
        var enabled = (await fixture.EntriesAsync("users", user.Id)).Single(entry => entry.Action == "enable");
        (enabled.ActorType, enabled.ActorId).ShouldBe((ActorTypes.User, user.Id));
        enabled.New.GetProperty("twoFactor").GetBoolean().ShouldBeTrue();
        enabled.New.GetRawText().ShouldNotContain(enrollment.Secret);

        // On already: another enrollment would replace the secret the user's app has.
        await (await browser.PostAsync($"{TwoFactor}/enrollment", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(null, "code")]
    [InlineData("", "code")]
    [InlineData("12345", "code")]
    [InlineData("1234567", "code")]
    [InlineData("12a456", "code")]
    public async Task A_malformed_code_is_a_400_naming_the_code(string? code, string field)
    {
        var (_, _, browser) = await SignedInAsync(Roles.ReadOnly);
        await (await browser.PostAsync($"{TwoFactor}/enrollment", null)).ShouldBeJsonAsync<EnrollmentDto>(HttpStatusCode.OK);

        var problem = await (await browser.PostAsJsonAsync($"{TwoFactor}/confirm", new { code }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.GetRawText());
    }

    [Fact]
    public async Task A_wrong_first_code_leaves_two_factor_off_and_confirming_without_an_enrollment_is_a_409()
    {
        var (_, _, browser) = await SignedInAsync(Roles.Admin);
        await (await browser.PostAsJsonAsync($"{TwoFactor}/confirm", new { code = "123456" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var enrollment = await (await browser.PostAsync($"{TwoFactor}/enrollment", null))
            .ShouldBeJsonAsync<EnrollmentDto>(HttpStatusCode.OK);

        var problem = await (await browser.PostAsJsonAsync($"{TwoFactor}/confirm",
            new { code = WrongCode(enrollment) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("code")[0].GetString().ShouldNotBeNull().ShouldContain("not right");
        (await (await browser.GetAsync(TwoFactor)).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK)).Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task Sign_in_asks_for_the_code_after_the_password_refuses_a_wrong_or_replayed_one_and_opens_the_session_for_the_right_one()
    {
        var (_, user, secret, enrolledStep) = await EnrolledAsync(Roles.Finance);
        var source = UniqueSource();

        var challenge = await ChallengeAsync(user, source);
        var wrong = await CodeStepAsync(challenge, WrongCodeFor(secret), source);
        var wrongProblem = await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        wrongProblem.GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();

        // The confirmation used the previous step's code: the sign-in accepts the step after it.
        var (code, _) = await CodeAfterAsync(secret, enrolledStep);
        var signedIn = await (await CodeStepAsync(challenge, code, source)).ShouldBeJsonAsync<SignedInDto>(HttpStatusCode.OK);
        signedIn.Id.ShouldBe(user.Id);
        signedIn.TwoFactorEnrollmentRequired.ShouldBeFalse();
        using (var gateway = fixture.Gateway())
        {
            (await gateway.GetAsync($"/internal/auth/sessions/{signedIn.SessionId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await (await CodeStepAsync(challenge, code, source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // The same code on a new sign-in: never accepted twice.
        var again = await ChallengeAsync(user, source);
        var replayed = await (await CodeStepAsync(again, code, source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        replayed.GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        (await fixture.EntriesAsync("users", user.Id)).Count(entry => entry.Action == "sign-in").ShouldBe(2,
            "the sign-in that enrolled and the one with the code; the password alone is no sign-in");
    }

    [Fact]
    public async Task Wrong_codes_count_like_wrong_passwords_and_end_the_sign_in()
    {
        var (_, user, secret, _) = await EnrolledAsync(Roles.ReadOnly);
        var source = UniqueSource();
        var challenge = await ChallengeAsync(user, source);

        for (var attempt = 1; attempt < 5; attempt++)
        {
            await (await CodeStepAsync(challenge, WrongCodeFor(secret), source)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        var fifth = await CodeStepAsync(challenge, WrongCodeFor(secret), source);
        fifth.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);

        var ended = await (await CodeStepAsync(challenge, Totp.ComputeAt(secret, DateTimeOffset.UtcNow), source))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        ended.GetProperty("errors").TryGetProperty("challengeId", out _).ShouldBeTrue();
        await using var connection = fixture.OpenDatabase();
        (await connection.ExecuteScalarAsync<int>(
            "SELECT failures FROM sign_in_throttles WHERE account = lower(@Email) AND source = @source",
            new { user.Email, source })).ShouldBe(5);
    }

    [Theory]
    [InlineData("""{"challengeId":null,"code":"123456"}""", "challengeId")]
    [InlineData("""{"challengeId":"00000000-0000-0000-0000-000000000000","code":"123456"}""", "challengeId")]
    [InlineData("""{"challengeId":"5d0c6b5e-8a8e-4b0e-9d7e-2f6f7c1a9b10","code":"12 34"}""", "code")]
    [InlineData("""{"challengeId":"5d0c6b5e-8a8e-4b0e-9d7e-2f6f7c1a9b10"}""", "code")]
    public async Task A_malformed_code_step_is_a_400_naming_the_member(string body, string field)
    {
        using var gateway = fixture.Gateway();

        var problem = await (await gateway.PostAsync("/internal/auth/sign-in/two-factor",
                new StringContent(body, System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.GetRawText());
    }

    [Fact]
    public async Task Two_factor_is_turned_off_with_a_current_code_audited()
    {
        var (orgId, user, secret, enrolledStep) = await EnrolledAsync(Roles.Admin);
        var (signedIn, usedStep) = await SignInWithCodeAsync(user, secret, enrolledStep);
        using var browser = fixture.ClientForSession(orgId, Roles.Admin, user.Id, signedIn.SessionId);

        var status = await (await browser.PostAsJsonAsync($"{TwoFactor}/disable",
            new { code = (await CodeAfterAsync(secret, usedStep)).Code })).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK);

        status.Enabled.ShouldBeFalse();
        var disabled = (await fixture.EntriesAsync("users", user.Id)).Single(entry => entry.Action == "disable");
        disabled.New.GetProperty("proof").GetString().ShouldBe("code");
        await (await browser.PostAsJsonAsync($"{TwoFactor}/disable", new { password = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        // Off: the password alone signs in again.
        (await SignInAttemptAsync(user.Email)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_factor_is_turned_off_with_the_password_and_a_wrong_one_is_a_400_naming_it()
    {
        var (orgId, user, secret, enrolledStep) = await EnrolledAsync(Roles.ReadOnly);
        var (signedIn, _) = await SignInWithCodeAsync(user, secret, enrolledStep);
        using var browser = fixture.ClientForSession(orgId, Roles.ReadOnly, user.Id, signedIn.SessionId);

        var neither = await (await browser.PostAsJsonAsync($"{TwoFactor}/disable", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        neither.GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
        var wrong = await (await browser.PostAsJsonAsync($"{TwoFactor}/disable", new { password = "not the password" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        wrong.GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
        var wrongCode = await (await browser.PostAsJsonAsync($"{TwoFactor}/disable", new { code = "12345" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        wrongCode.GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();

        (await (await browser.PostAsJsonAsync($"{TwoFactor}/disable", new { password = Password }))
            .ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK)).Enabled.ShouldBeFalse();
        (await fixture.EntriesAsync("users", user.Id)).Single(entry => entry.Action == "disable")
            .New.GetProperty("proof").GetString().ShouldBe("password");
    }

    [Fact]
    public async Task Only_owners_and_admins_require_two_factor_and_a_user_without_it_must_enroll_before_anything_else()
    {
        var orgId = await fixture.CreateOrganizationAsync("Strict MSP");
        var (_, user, _) = await SignedInAsync(Roles.Finance, orgId);
        using var finance = fixture.ClientFor(orgId, Roles.Finance, user.Id);
        await (await finance.PatchAsJsonAsync("/api/identity/organization", new { requireTwoFactor = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var malformed = await (await admin.PatchAsync("/api/identity/organization",
                new StringContent("""{"requireTwoFactor":"yes"}""", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        malformed.GetRawText().ShouldContain("requireTwoFactor");

        var organization = await (await admin.PatchAsJsonAsync("/api/identity/organization", new { requireTwoFactor = true }))
            .ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);

        organization.GetProperty("requireTwoFactor").GetBoolean().ShouldBeTrue();
        var switched = (await fixture.EntriesAsync("organizations", orgId)).Single(entry => entry.Action == "update");
        switched.Old.GetProperty("requireTwoFactor").GetBoolean().ShouldBeFalse();
        switched.New.GetProperty("requireTwoFactor").GetBoolean().ShouldBeTrue();

        var signedIn = await (await SignInAttemptAsync(user.Email)).ShouldBeJsonAsync<SignedInDto>(HttpStatusCode.OK);
        signedIn.TwoFactorEnrollmentRequired.ShouldBeTrue();
        (await SessionAsync(signedIn.SessionId)).GetProperty("twoFactorEnrollmentRequired").GetBoolean().ShouldBeTrue();
        using var browser = fixture.ClientForSession(orgId, Roles.Finance, user.Id, signedIn.SessionId);
        (await (await browser.GetAsync(TwoFactor)).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK))
            .RequiredByOrganization.ShouldBeTrue();

        var enrollment = await (await browser.PostAsync($"{TwoFactor}/enrollment", null)).ShouldBeJsonAsync<EnrollmentDto>(HttpStatusCode.OK);
        await (await browser.PostAsJsonAsync($"{TwoFactor}/confirm",
            new { code = Totp.ComputeAt(Base32.Decode(enrollment.Secret)!, DateTimeOffset.UtcNow) })).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK);

        (await SessionAsync(signedIn.SessionId)).GetProperty("twoFactorEnrollmentRequired").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Ending_an_unknown_session_is_a_404_problem_and_another_users_session_is_not_theirs_to_end()
    {
        var (orgId, user, browser) = await SignedInAsync(Roles.Finance);
        var (_, other, _) = await SignedInAsync(Roles.Finance, orgId);
        var othersSession = (await SignInAttemptAsync(other.Email)).ShouldNotBeNull();
        var othersSessionId = (await othersSession.ShouldBeJsonAsync<SignedInDto>(HttpStatusCode.OK)).SessionId;

        var unknown = await (await browser.DeleteAsync($"/api/identity/me/sessions/{Guid.NewGuid()}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        unknown.GetProperty("title").GetString().ShouldBe("Session not found.");
        await (await browser.DeleteAsync($"/api/identity/me/sessions/{othersSessionId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await SessionAsync(othersSessionId)).GetProperty("id").GetGuid().ShouldBe(other.Id);
        user.Id.ShouldNotBe(other.Id);
    }

    private static string Spaced(string code) => $"{code[..3]} {code[3..]}";

    private static string WrongCode(EnrollmentDto enrollment) => WrongCodeFor(Base32.Decode(enrollment.Secret)!);

    /// <summary>A code of no step near now.</summary>
    private static string WrongCodeFor(byte[] secret)
    {
        var now = Totp.StepAt(DateTimeOffset.UtcNow);
        var near = Enumerable.Range(-2, 5).Select(offset => Totp.Compute(secret, now + offset)).ToHashSet();
        return Enumerable.Range(0, 10).Select(digit => new string((char)('0' + digit), 6)).First(code => !near.Contains(code));
    }

    /// <summary>
    /// A code of the step after <paramref name="usedStep"/>, which the service accepts once the clock has reached
    /// <paramref name="usedStep"/> (a step ahead is inside the tolerance): waits for that, at most 30 seconds.
    /// </summary>
    private static async Task<(string Code, long Step)> CodeAfterAsync(byte[] secret, long usedStep)
    {
        while (Totp.StepAt(DateTimeOffset.UtcNow) < usedStep)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        return (Totp.Compute(secret, usedStep + 1), usedStep + 1);
    }

    [Fact]
    public async Task An_admin_resets_a_members_lost_authenticator_ending_their_sessions_audited_and_told_in_their_bell()
    {
        var (orgId, member, _, _) = await EnrolledAsync(Roles.Finance);
        var (_, admin, signedInAdmin) = await SignedInAsync(Roles.Admin, orgId);
        using var adminBrowser = signedInAdmin;
        // The session the member enrolled in is still open.
        var memberSessions = await SessionsOfAsync(member.Id);
        memberSessions.ShouldNotBeEmpty();
        (await (await adminBrowser.GetAsync($"{Users}/{member.Id}")).ShouldBeJsonAsync<UserDto>(HttpStatusCode.OK))
            .TwoFactorEnabled.ShouldBeTrue("the Team page offers the reset only for members with two-factor on");

        var reset = await (await adminBrowser.PostAsync($"{Users}/{member.Id}/two-factor/reset", null))
            .ShouldBeJsonAsync<UserDto>(HttpStatusCode.OK);

        reset.TwoFactorEnabled.ShouldBeFalse();
        (await SecretOfAsync(orgId, member.Id)).ShouldBeNull("the secret is removed");
        (await SessionsOfAsync(member.Id)).ShouldBeEmpty();
        using (var gateway = fixture.Gateway())
        {
            await (await gateway.GetAsync($"/internal/auth/sessions/{memberSessions[0]}"))
                .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
        var audited = (await fixture.EntriesAsync("users", member.Id)).Single(entry => entry.Action == "disable");
        (audited.ActorType, audited.ActorId).ShouldBe((ActorTypes.User, admin.Id));
        audited.New.GetProperty("proof").GetString().ShouldBe("admin-reset");
        (await fixture.EntriesAsync("sessions", memberSessions[0])).Single().Action.ShouldBe("delete");

        // The password alone signs them in now; the bell tells them what happened.
        var signedIn = await (await SignInAttemptAsync(member.Email)).ShouldBeJsonAsync<SignedInDto>(HttpStatusCode.OK);
        signedIn.TwoFactorEnrollmentRequired.ShouldBeFalse();
        using var memberBrowser = fixture.ClientForSession(orgId, Roles.Finance, member.Id, signedIn.SessionId);
        var bell = await (await memberBrowser.GetAsync("/api/identity/me/notifications"))
            .ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        bell.GetProperty("unread").GetInt64().ShouldBe(1);
        var entry = bell.GetProperty("items").EnumerateArray().Single();
        entry.GetProperty("event").GetString().ShouldBe("two-factor-reset");
        entry.GetProperty("title").GetString().ShouldBe("Your two-factor sign-in was reset");
    }

    [Fact]
    public async Task After_a_reset_in_an_organization_requiring_two_factor_the_member_must_enroll_again()
    {
        var (orgId, member, _, _) = await EnrolledAsync(Roles.ReadOnly);
        using var owner = fixture.ClientFor(orgId, Roles.Owner, Guid.NewGuid());
        await (await owner.PatchAsJsonAsync("/api/identity/organization", new { requireTwoFactor = true }))
            .ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);

        await (await owner.PostAsync($"{Users}/{member.Id}/two-factor/reset", null)).ShouldBeJsonAsync<UserDto>(HttpStatusCode.OK);

        var signedIn = await (await SignInAttemptAsync(member.Email)).ShouldBeJsonAsync<SignedInDto>(HttpStatusCode.OK);
        signedIn.TwoFactorEnrollmentRequired.ShouldBeTrue();
    }

    [Fact]
    public async Task Only_a_signed_in_admin_resets_two_factor_of_a_member_of_their_organization_who_has_it_on()
    {
        var (orgId, member, _, _) = await EnrolledAsync(Roles.Finance);
        var (_, admin, _) = await SignedInAsync(Roles.Admin, orgId);
        var (_, withoutTwoFactor, _) = await SignedInAsync(Roles.Finance, orgId);
        var (otherOrgId, stranger, _, _) = await EnrolledAsync(Roles.Finance);
        var path = $"{Users}/{member.Id}/two-factor/reset";

        using (var finance = fixture.ClientFor(orgId, Roles.Finance, Guid.NewGuid()))
        {
            await (await finance.PostAsync(path, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
        using (var adminKey = fixture.ClientFor(orgId, Roles.Admin, Guid.NewGuid(), ActorTypes.ApiKey))
        {
            (await (await adminKey.PostAsync(path, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
                .GetProperty("title").GetString().ShouldBe("Only a signed-in admin can reset two-factor.");
        }
        using var adminBrowser = fixture.ClientFor(orgId, Roles.Admin, admin.Id);
        await (await adminBrowser.PostAsync($"{Users}/{Guid.NewGuid()}/two-factor/reset", null))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminBrowser.PostAsync($"{Users}/{stranger.Id}/two-factor/reset", null))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await adminBrowser.PostAsync($"{Users}/{withoutTwoFactor.Id}/two-factor/reset", null))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString().ShouldBe("Two-factor is not on.");
        (await (await adminBrowser.PostAsync($"{Users}/{admin.Id}/two-factor/reset", null))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!
            .ShouldContain("Use your own settings");

        var (_, owner, _, _) = await EnrolledAsync(Roles.Owner, orgId);
        (await (await adminBrowser.PostAsync($"{Users}/{owner.Id}/two-factor/reset", null))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("title").GetString().ShouldBe("Only an owner can do this.");

        (await SecretOfAsync(orgId, member.Id)).ShouldNotBeNull("nothing refused changed anything");
        (await SecretOfAsync(orgId, owner.Id)).ShouldNotBeNull();
        (await SecretOfAsync(otherOrgId, stranger.Id)).ShouldNotBeNull();
    }

    private const string Users = "/api/identity/users";

    /// <summary>The user's confirmed secret as stored (encrypted); null when there is none.</summary>
    private async Task<string?> SecretOfAsync(Guid orgId, Guid userId)
    {
        await using var connection = fixture.OpenDatabase();
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT protected_secret FROM user_totp WHERE org_id = @orgId AND user_id = @userId AND confirmed_at IS NOT NULL",
            new { orgId, userId });
    }

    private async Task<List<Guid>> SessionsOfAsync(Guid userId)
    {
        await using var connection = fixture.OpenDatabase();
        return (await connection.QueryAsync<Guid>("SELECT id FROM sessions WHERE user_id = @userId", new { userId })).AsList();
    }

    private static string UniqueSource() => $"198.51.100.7-{Guid.NewGuid():N}";

    private async Task<(Guid OrgId, UserDto User, HttpClient Browser)> SignedInAsync(string role, Guid? organizationId = null)
    {
        var orgId = organizationId ?? await fixture.CreateOrganizationAsync("Two-factor MSP");
        using var owner = fixture.ClientFor(orgId, Roles.Owner);
        var user = await UsersApiTests.CreateUserAsync(owner, UsersApiTests.UniqueEmail("2fa"), role, "Two Factor", Password);
        var signedIn = await (await SignInAttemptAsync(user.Email)).ShouldBeJsonAsync<SignedInDto>(HttpStatusCode.OK);
        return (orgId, user, fixture.ClientForSession(orgId, role, user.Id, signedIn.SessionId));
    }

    /// <summary>
    /// A user with two-factor on, confirmed with the previous step's code (inside the tolerance), so the current and
    /// the next step's codes remain for a sign-in and one more check without waiting up to 30 s for the clock; their
    /// secret.
    /// </summary>
    private async Task<(Guid OrgId, UserDto User, byte[] Secret, long Step)> EnrolledAsync(string role,
        Guid? organizationId = null)
    {
        var (orgId, user, browser) = await SignedInAsync(role, organizationId);
        using (browser)
        {
            var enrollment = await (await browser.PostAsync($"{TwoFactor}/enrollment", null)).ShouldBeJsonAsync<EnrollmentDto>(HttpStatusCode.OK);
            var secret = Base32.Decode(enrollment.Secret)!;
            var step = await StepWithTimeLeftAsync() - 1;
            await (await browser.PostAsJsonAsync($"{TwoFactor}/confirm",
                new { code = Totp.Compute(secret, step) })).ShouldBeJsonAsync<StatusDto>(HttpStatusCode.OK);
            return (orgId, user, secret, step);
        }
    }

    /// <summary>
    /// The current step once at least <see cref="StepTimeLeft"/> of it remains, so the step before it is still
    /// inside the tolerance when the service checks a code sent now.
    /// </summary>
    private static async Task<long> StepWithTimeLeftAsync()
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var left = DateTimeOffset.FromUnixTimeSeconds((Totp.StepAt(now) + 1) * Totp.StepSeconds) - now;
            if (left >= StepTimeLeft)
            {
                return Totp.StepAt(now);
            }
            await Task.Delay(left);
        }
    }

    private async Task<(SignedInDto SignedIn, long Step)> SignInWithCodeAsync(UserDto user, byte[] secret, long usedStep)
    {
        var source = UniqueSource();
        var challenge = await ChallengeAsync(user, source);
        var (code, step) = await CodeAfterAsync(secret, usedStep);
        return (await (await CodeStepAsync(challenge, code, source)).ShouldBeJsonAsync<SignedInDto>(HttpStatusCode.OK), step);
    }

    private async Task<Guid> ChallengeAsync(UserDto user, string source)
    {
        using var gateway = fixture.Gateway();
        var response = await gateway.PostAsJsonAsync("/internal/auth/sign-in", new { email = user.Email, password = Password, source });
        var challenge = await response.ShouldBeJsonAsync<ChallengeDto>(HttpStatusCode.Accepted);
        challenge.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        return challenge.ChallengeId;
    }

    private async Task<HttpResponseMessage> CodeStepAsync(Guid challengeId, string code, string source)
    {
        using var gateway = fixture.Gateway();
        return await gateway.PostAsJsonAsync("/internal/auth/sign-in/two-factor", new { challengeId, code, source });
    }

    private async Task<HttpResponseMessage> SignInAttemptAsync(string email)
    {
        using var gateway = fixture.Gateway();
        return await gateway.PostAsJsonAsync("/internal/auth/sign-in", new { email, password = Password, source = UniqueSource() });
    }

    private async Task<JsonElement> SessionAsync(Guid sessionId)
    {
        using var gateway = fixture.Gateway();
        return await (await gateway.GetAsync($"/internal/auth/sessions/{sessionId}")).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
    }

    private sealed record StatusDto(bool Enabled, DateTimeOffset? EnabledAt, bool Pending, bool RequiredByOrganization);

    private sealed record EnrollmentDto(string Secret, string OtpAuthUri);

    private sealed record ChallengeDto(Guid ChallengeId, DateTimeOffset ExpiresAt);

    private sealed record SignedInDto(Guid Id, Guid OrgId, string Role, Guid SessionId, bool TwoFactorEnrollmentRequired);
}
