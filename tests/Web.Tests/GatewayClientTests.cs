using System.Net;
using System.Security.Claims;
using System.Text.Json;
using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class GatewayClientTests
{
    private readonly StubGatewayHandler gateway = new();
    private readonly SessionTokenHolder session = new();
    private readonly GatewayClient client;

    public GatewayClientTests()
    {
        session.Capture(new ClaimsPrincipal(new ClaimsIdentity([new Claim(SessionClaims.SessionToken, "the-token")], "test")));
        client = GatewayClients.For(gateway, session);
    }

    [Fact]
    public async Task Every_call_carries_the_session_token()
    {
        gateway.On(HttpMethod.Get, "/api/identity/api-keys", _ => Json(Array.Empty<object>()));
        gateway.On(HttpMethod.Post, "/api/identity/users/5a000000-0000-4000-8000-000000000009/disable",
            _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await client.GetApiKeysAsync(CancellationToken.None);
        await client.SetUserEnabledAsync(Guid.Parse("5a000000-0000-4000-8000-000000000009"), enabled: false, CancellationToken.None);

        gateway.Requests.Count.ShouldBe(2);
        gateway.Requests.ShouldAllBe(request => request.Authorization == "Bearer the-token");
    }

    [Fact]
    public async Task Sign_in_sends_the_credentials_and_the_browser_address_and_user_agent_but_no_token()
    {
        gateway.On(HttpMethod.Post, "/auth/sign-in", _ => SignedIn("new-token", role: "finance", name: "Fiona"));

        var signedIn = await client.SignInAsync("fiona@example.com", "secret", null, IPAddress.Parse("198.51.100.4"),
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", CancellationToken.None);

        signedIn.SessionToken.ShouldBe("new-token");
        signedIn.User.Role.ShouldBe("finance");
        signedIn.User.Name.ShouldBe("Fiona");
        var request = gateway.Requests.ShouldHaveSingleItem();
        request.Authorization.ShouldBeNull();
        request.ForwardedFor.ShouldBe("198.51.100.4");
        request.UserAgent.ShouldBe("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
        request.Body.ShouldBe("""{"email":"fiona@example.com","password":"secret","organizationId":null}""");
    }

    [Fact]
    public async Task A_refused_session_reports_the_session_over()
    {
        gateway.On(HttpMethod.Get, "/api/identity/users", _ => Problem(HttpStatusCode.Unauthorized, "Session expired"));
        var reported = 0;
        session.Expired += () => reported++;

        var failure = await Should.ThrowAsync<ApiProblemException>(() => client.GetUsersAsync(CancellationToken.None));

        reported.ShouldBe(1);
        failure.Problem.Status.ShouldBe(401);
        failure.Problem.Title.ShouldBe(GatewayClient.SessionEndedTitle);
    }

    [Fact]
    public async Task Wrong_credentials_at_sign_in_are_not_an_ended_session()
    {
        gateway.On(HttpMethod.Post, "/auth/sign-in", _ => Problem(HttpStatusCode.Unauthorized, "Invalid credentials"));
        var reported = 0;
        session.Expired += () => reported++;

        var failure = await Should.ThrowAsync<ApiProblemException>(
            () => client.SignInAsync("a@example.com", "wrong", null, null, null, CancellationToken.None));

        failure.Problem.Status.ShouldBe(401);
        reported.ShouldBe(0);
    }

    [Fact]
    public async Task A_forbidden_call_keeps_the_session_and_the_server_words()
    {
        gateway.On(HttpMethod.Get, "/api/identity/api-keys",
            _ => Problem(HttpStatusCode.Forbidden, "Forbidden", "Your role may not manage API keys."));
        var reported = 0;
        session.Expired += () => reported++;

        var failure = await Should.ThrowAsync<ApiProblemException>(() => client.GetApiKeysAsync(CancellationToken.None));

        failure.Problem.Detail.ShouldBe("Your role may not manage API keys.");
        reported.ShouldBe(0);
    }

    [Fact]
    public async Task Retry_after_is_read_as_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
        gateway.On(HttpMethod.Get, "/api/identity/users", _ =>
        {
            var answer = Problem(HttpStatusCode.TooManyRequests, "Slow down");
            answer.Headers.Date = now;
            answer.Headers.RetryAfter = new(now.AddMinutes(2));
            return answer;
        });
        gateway.On(HttpMethod.Get, "/api/identity/api-keys", _ =>
        {
            var answer = Problem(HttpStatusCode.TooManyRequests, "Slow down");
            answer.Headers.RetryAfter = new(TimeSpan.FromSeconds(42));
            return answer;
        });

        var byDate = await Should.ThrowAsync<ApiProblemException>(() => client.GetUsersAsync(CancellationToken.None));
        var bySeconds = await Should.ThrowAsync<ApiProblemException>(() => client.GetApiKeysAsync(CancellationToken.None));

        byDate.Problem.RetryAfter.ShouldBe(TimeSpan.FromMinutes(2));
        bySeconds.Problem.RetryAfter.ShouldBe(TimeSpan.FromSeconds(42));
    }

    [Fact]
    public async Task Lists_are_read_as_an_array_or_as_the_items_of_a_page()
    {
        gateway.On(HttpMethod.Get, "/api/identity/users", _ => Json(new[] { User("Ann", "ann@example.com") }));
        gateway.On(HttpMethod.Get, "/api/identity/api-keys",
            _ => Json(new { items = new[] { ApiKey("Feed") }, page = 1, pageSize = 50, totalCount = 1 }));

        (await client.GetUsersAsync(CancellationToken.None)).ShouldHaveSingleItem().Name.ShouldBe("Ann");
        (await client.GetApiKeysAsync(CancellationToken.None)).ShouldHaveSingleItem().Name.ShouldBe("Feed");
    }

    [Fact]
    public async Task An_unreadable_list_is_a_problem_not_a_crash()
    {
        gateway.On(HttpMethod.Get, "/api/identity/users", _ => Json(new { items = "not a list" }));

        var failure = await Should.ThrowAsync<ApiProblemException>(() => client.GetUsersAsync(CancellationToken.None));

        failure.Problem.Title.ShouldBe("The server's answer could not be read.");
    }

    [Fact]
    public async Task A_partial_user_update_sends_only_what_changes()
    {
        var id = Guid.NewGuid();
        gateway.On(HttpMethod.Patch, $"/api/identity/users/{id}", _ => Json(User("Ann", "ann@example.com", role: "admin", id: id)));

        var updated = await client.UpdateUserAsync(id, new UpdateUserRequest(Role: "admin"), CancellationToken.None);

        updated.Role.ShouldBe("admin");
        gateway.Requests.ShouldHaveSingleItem().Body.ShouldBe("""{"role":"admin"}""");
    }

    [Theory]
    [InlineData(ApiKeyAction.Enable, "enable")]
    [InlineData(ApiKeyAction.Disable, "disable")]
    [InlineData(ApiKeyAction.Revoke, "revoke")]
    public async Task Key_actions_post_to_the_key(ApiKeyAction action, string segment)
    {
        var id = Guid.NewGuid();
        gateway.On(HttpMethod.Post, $"/api/identity/api-keys/{id}/{segment}", _ => Json(ApiKey("Feed", id: id)));

        await client.ApplyApiKeyActionAsync(id, action, CancellationToken.None);

        gateway.Requests.ShouldHaveSingleItem().Path.ShouldBe($"/api/identity/api-keys/{id}/{segment}");
    }

    [Fact]
    public async Task Audit_entries_read_ids_as_text_whether_numbers_or_strings()
    {
        gateway.On(HttpMethod.Get, "/api/projection/audit-log", _ => Json(new
        {
            items = new object[]
            {
                AuditEntry(9007199254740993, recordId: "c1"),
                new
                {
                    id = "subscription:17", service = "subscription", action = "create", table = "users", recordId = 17,
                    actorType = "api-key", actorId = Guid.NewGuid(), apiKeyId = Guid.NewGuid(), oldValues = (object?)null,
                    newValues = "{\"name\":\"Ann\"}", createdAt = DateTimeOffset.UnixEpoch,
                },
            },
            page = 1,
            pageSize = 50,
            totalCount = 2,
        }));

        var page = await client.GetAuditLogAsync(new AuditLogQuery(), CancellationToken.None);

        page.Items.Select(entry => entry.Id).ShouldBe(["9007199254740993", "subscription:17"]);
        page.Items.Select(entry => entry.RecordId).ShouldBe(["c1", "17"]);
        page.Items[1].NewValues!.Value.ValueKind.ShouldBe(JsonValueKind.String);
    }
}
