using System.Net;
using System.Net.Http.Json;
using System.Text;
using BillingOne.BuildingBlocks.Http.Idempotency;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Idempotency;

[Trait("Category", "Integration")]
public sealed class IdempotencyTests(IdempotencyHost host) : IClassFixture<IdempotencyHost>
{
    private const string Header = IdempotencyKey.HeaderName;
    private const string Replayed = IdempotencyKey.ReplayedHeaderName;

    // Tests of the class share the host: each acts as its own caller of its own organization.
    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid actorId = Guid.NewGuid();

    private HttpClient Client() => host.CreateClient(orgId, actorId);

    private static HttpRequestMessage Post(string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.TryAddWithoutValidation(Header, key);
        return request;
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task A_repeat_with_the_same_key_replays_the_first_answer_without_running_again()
    {
        using var client = Client();
        var key = NewKey();
        var before = host.Work.Runs("things");

        using var first = await client.SendAsync(Post("/api/probe/things", key, new { name = "first" }));
        using var repeat = await client.SendAsync(Post("/api/probe/things", key, new { name = "first" }));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        first.Headers.Contains(Replayed).ShouldBeFalse();
        repeat.StatusCode.ShouldBe(HttpStatusCode.Created);
        repeat.Headers.GetValues(Replayed).ShouldBe(["true"]);
        repeat.Headers.Location.ShouldBe(first.Headers.Location);
        repeat.Content.Headers.ContentType.ShouldBe(first.Content.Headers.ContentType);
        (await repeat.Content.ReadAsByteArrayAsync()).ShouldBe(await first.Content.ReadAsByteArrayAsync());
        host.Work.Runs("things").ShouldBe(before + 1);
    }

    [Fact]
    public async Task Without_a_key_every_request_runs()
    {
        using var client = Client();
        var before = host.Work.Runs("things");

        using var first = await client.PostAsJsonAsync("/api/probe/things", new { name = "a" });
        using var second = await client.PostAsJsonAsync("/api/probe/things", new { name = "a" });

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Contains(Replayed).ShouldBeFalse();
        host.Work.Runs("things").ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_read_ignores_the_key()
    {
        using var client = Client();
        var key = NewKey();
        var before = host.Work.Runs("list");

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/things");
            request.Headers.Add(Header, key);
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.Contains(Replayed).ShouldBeFalse();
        }

        host.Work.Runs("list").ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_delete_without_a_body_is_replayed_too()
    {
        using var client = Client();
        var key = NewKey();
        var before = host.Work.Runs("delete");

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/probe/things/7");
            request.Headers.Add(Header, key);
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            response.Headers.Contains(Replayed).ShouldBe(i == 1);
        }

        host.Work.Runs("delete").ShouldBe(before + 1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_naming_the_header()
    {
        using var client = Client();
        var key = NewKey();
        using var first = await client.SendAsync(Post("/api/probe/things", key, new { name = "first" }));
        var runs = host.Work.Runs("things");

        using var other = await client.SendAsync(Post("/api/probe/things", key, new { name = "second" }));

        var problem = await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.ValidationErrors().ShouldContainKey(Header);
        host.Work.Runs("things").ShouldBe(runs);
    }

    [Fact]
    public async Task The_same_key_on_another_path_is_refused_with_422()
    {
        using var client = Client();
        var key = NewKey();
        using var first = await client.SendAsync(Post("/api/probe/things", key));

        using var other = await client.SendAsync(Post("/api/probe/invalid", key));

        (await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).ValidationErrors().ShouldContainKey(Header);
    }

    [Fact]
    public async Task A_repeat_while_the_first_request_runs_answers_409_and_then_the_first_answer()
    {
        using var client = Client();
        var key = NewKey();
        host.Work.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Work.GateEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = client.SendAsync(Post("/api/probe/gated", key));
        await host.Work.GateEntered.Task.WaitAsync(Eventually.DefaultTimeout);

        using var whileRunning = await client.SendAsync(Post("/api/probe/gated", key));
        var problem = await whileRunning.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.ValidationErrors().ShouldContainKey(Header);
        whileRunning.Headers.RetryAfter.ShouldNotBeNull();

        host.Work.Gate.SetResult();
        using var firstAnswer = await first;
        using var afterwards = await client.SendAsync(Post("/api/probe/gated", key));
        afterwards.Headers.GetValues(Replayed).ShouldBe(["true"]);
        (await afterwards.Content.ReadAsStringAsync()).ShouldBe(await firstAnswer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Of_concurrent_requests_with_one_key_exactly_one_runs()
    {
        using var client = Client();
        var key = NewKey();
        var before = host.Work.Runs("things");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => client.SendAsync(Post("/api/probe/things", key, new { name = "race" }))));

        host.Work.Runs("things").ShouldBe(before + 1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(Replayed)).ShouldBe(1);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_key_expires_after_24_hours_and_is_deleted()
    {
        using var client = Client();
        var key = NewKey();
        using var first = await client.SendAsync(Post("/api/probe/things", key, new { name = "yesterday" }));
        var runs = host.Work.Runs("things");

        host.Clock.Advance(TimeSpan.FromHours(23));
        using var withinADay = await client.SendAsync(Post("/api/probe/things", key, new { name = "yesterday" }));
        withinADay.Headers.GetValues(Replayed).ShouldBe(["true"]);

        host.Clock.Advance(TimeSpan.FromHours(1));
        // A day on, the key is free again: another body is a new request, not a 422.
        using var nextDay = await client.SendAsync(Post("/api/probe/things", key, new { name = "today" }));
        nextDay.StatusCode.ShouldBe(HttpStatusCode.Created);
        nextDay.Headers.Contains(Replayed).ShouldBeFalse();
        host.Work.Runs("things").ShouldBe(runs + 1);

        host.Clock.Advance(TimeSpan.FromHours(24));
        await host.Services.GetRequiredService<IdempotentRequestStore>()
            .DeleteExpiredAsync(host.Clock.GetUtcNow(), 100, CancellationToken.None);
        await using var connection = await host.DataSource.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM idempotent_requests WHERE org_id = @orgId", new { orgId })).ShouldBe(0);
    }

    [Fact]
    public async Task A_validation_answer_of_the_handler_is_kept_like_any_4xx()
    {
        using var client = Client();
        var key = NewKey();
        var before = host.Work.Runs("invalid");

        using var first = await client.SendAsync(Post("/api/probe/invalid", key));
        using var repeat = await client.SendAsync(Post("/api/probe/invalid", key));

        first.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        repeat.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        repeat.Headers.GetValues(Replayed).ShouldBe(["true"]);
        (await repeat.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        host.Work.Runs("invalid").ShouldBe(before + 1);
    }

    [Theory]
    [InlineData("/api/probe/unavailable", HttpStatusCode.ServiceUnavailable)]
    [InlineData("/api/probe/throws", HttpStatusCode.InternalServerError)]
    public async Task A_server_error_is_not_kept_so_a_retry_runs_again(string path, HttpStatusCode status)
    {
        using var client = Client();
        var key = NewKey();
        var endpoint = path.Split('/')[^1];
        var before = host.Work.Runs(endpoint);

        using var first = await client.SendAsync(Post(path, key));
        using var retry = await client.SendAsync(Post(path, key));

        first.StatusCode.ShouldBe(status);
        retry.StatusCode.ShouldBe(status);
        retry.Headers.Contains(Replayed).ShouldBeFalse();
        host.Work.Runs(endpoint).ShouldBe(before + 2);
    }

    [Fact]
    public async Task An_answer_too_large_to_keep_still_reaches_the_caller_and_frees_the_key()
    {
        using var client = Client();
        var key = NewKey();
        var before = host.Work.Runs("large");

        using var first = await client.SendAsync(Post("/api/probe/large", key));
        using var retry = await client.SendAsync(Post("/api/probe/large", key));

        (await first.Content.ReadAsStringAsync()).Length.ShouldBeGreaterThan(5 * 1024 * 1024);
        retry.Headers.Contains(Replayed).ShouldBeFalse();
        host.Work.Runs("large").ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_key_belongs_to_one_caller_of_one_organization()
    {
        var key = NewKey();
        var before = host.Work.Runs("things");
        using var caller = Client();
        using var otherKeyOfTheOrganization = host.CreateClient(orgId, Guid.NewGuid());
        using var userOfAnotherOrganization = host.CreateClient(Guid.NewGuid(), actorId, ActorTypes.User);

        using var first = await caller.SendAsync(Post("/api/probe/things", key, new { name = "x" }));
        using var second = await otherKeyOfTheOrganization.SendAsync(Post("/api/probe/things", key, new { name = "x" }));
        using var third = await userOfAnotherOrganization.SendAsync(Post("/api/probe/things", key, new { name = "y" }));

        new[] { first, second, third }.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(Replayed));
        host.Work.Runs("things").ShouldBe(before + 3);
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("nul\0here")]
    [InlineData("caf\u00e9")]
    public async Task A_key_with_control_or_non_ascii_characters_is_a_400_naming_the_header(string key)
    {
        await AssertRefusedKeyAsync([key]);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_a_400_naming_the_header()
    {
        using var client = Client();
        using var longest = await client.SendAsync(Post("/api/probe/things", new string('k', 255), new { name = "ok" }));
        longest.StatusCode.ShouldBe(HttpStatusCode.Created);

        await AssertRefusedKeyAsync([new string('k', 256)]);
    }

    [Fact]
    public async Task Two_keys_on_one_request_are_a_400_naming_the_header()
    {
        await AssertRefusedKeyAsync([NewKey(), NewKey()]);
    }

    private async Task AssertRefusedKeyAsync(string[] keys)
    {
        using var client = Client();
        var before = host.Work.Runs("things");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/probe/things")
        {
            Content = new StringContent("""{"name":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(Header, keys);

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().ShouldContainKey(Header);
        host.Work.Runs("things").ShouldBe(before);
    }
}
