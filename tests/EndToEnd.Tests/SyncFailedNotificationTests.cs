using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.Testing;
using Npgsql;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A failed vendor sync reaches the people the notification rules name, in the bell and by mail (the AppHost's
/// smtp4dev "smtp-sink", where the demo organization's mail server points). The test changes the demo organization's
/// Pax8 settings and notification rules and puts both back as they were, so the other tests see nothing of it.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class SyncFailedNotificationTests(SystemFixture fixture)
{
    private const string Pax8 = "/api/subscription/integrations/pax8";
    private const string Title = "Sync failed: Pax8";
    private const string Subject = "BillingOne: " + Title;

    [SystemFact]
    public async Task A_failed_pax8_sync_tells_the_chosen_admin_in_the_bell_and_by_mail()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = fixture.System.CreateGatewayClient();
        (await api.GetFromJsonAsync<JsonElement>("/api/identity/organization/smtp")).GetProperty("host").GetString()
            .ShouldNotBeNullOrEmpty("the demo seed points the organization's mail server at the smtp sink");

        // An admin of their own, so the bell and the sink hold only what this test caused for them.
        var run = Guid.NewGuid().ToString("N")[..8];
        var email = $"e2e-sync-failed-{run}@demo.billingone.dev";
        const string password = "Sync-failed-admin-2026!";
        using var created = await api.PostAsJsonAsync("/api/identity/users",
            new { email, name = $"Sync Watcher {run}", role = "admin", password });
        var adminId = (await created.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var emailRules = await RulesAsync(api, "email");
        var inAppRules = await RulesAsync(api, "in-app");
        await using var subscription = new NpgsqlConnection(
            await fixture.System.DatabaseConnectionStringAsync("subscription"));
        await subscription.OpenAsync();
        var orgId = await OrganizationIdAsync(api);
        var savedPax8 = await SavedSettingsAsync(subscription, orgId);
        try
        {
            // As Settings → Email notifications and In-app notifications save it: the event, on, for this admin.
            await SaveRulesAsync(api, "email", WithUser(emailRules, adminId));
            await SaveRulesAsync(api, "in-app", WithUser(inAppRules, adminId));
            using var user = await SignedInClientAsync(email, password);
            var unreadBefore = await UnreadSyncFailuresAsync(user);

            // The sandbox refuses a client secret it does not know (401 invalid_client at the token endpoint).
            var pax8 = await api.GetFromJsonAsync<JsonElement>(Pax8);
            using var broken = await api.PutAsJsonAsync(Pax8, new
            {
                enabled = true,
                values = PlainValues(pax8, ("clientSecret", $"wrong-secret-{run}")),
                syncIntervalMinutes = IntervalOf(pax8),
            });
            broken.StatusCode.ShouldBe(HttpStatusCode.OK, await broken.Content.ReadAsStringAsync());

            var failed = await SyncToTheEndAsync(api);
            failed.GetProperty("status").GetString().ShouldBe("failed", failed.ToString());

            var notification = await Eventually.ReturnsAsync(
                async () => (await UnreadSyncFailuresAsync(user)).Except(unreadBefore).ToList(),
                found => found.Count > 0, "an unread 'Sync failed: Pax8' in the admin's bell", TimeSpan.FromMinutes(2));
            notification.ShouldHaveSingleItem();
            var mail = await Eventually.ReturnsAsync(() => MailToAsync(email), found => found is not null,
                $"a mail '{Subject}' to {email} at the smtp sink", TimeSpan.FromMinutes(2));
            mail!.Value.GetProperty("subject").GetString().ShouldBe(Subject);
        }
        finally
        {
            await RestoreSettingsAsync(subscription, orgId, savedPax8);
            await SaveRulesAsync(api, "email", emailRules);
            await SaveRulesAsync(api, "in-app", inAppRules);
            using var disabled = await api.PostAsync($"/api/identity/users/{adminId}/disable", null);
        }
        // The right secret is back: the next sync runs, as every other test expects.
        (await SyncToTheEndAsync(api)).GetProperty("status").GetString().ShouldBe("completed");
    }

    /// <summary>Starts a Pax8 sync (or joins the running one) and answers the finished run, failed or not.</summary>
    private static async Task<JsonElement> SyncToTheEndAsync(HttpClient api)
    {
        using var started = await api.PostAsJsonAsync($"{Pax8}/sync", new { });
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var runId = started.StatusCode == HttpStatusCode.Accepted
            ? body.GetProperty("id").GetGuid()
            : body.GetProperty("runId").GetGuid();
        return await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>($"/api/subscription/integrations/sync-runs/{runId}"),
            found => found.GetProperty("status").GetString() is "completed" or "failed",
            "the Pax8 sync to finish", TimeSpan.FromMinutes(3));
    }

    private static async Task<JsonElement> RulesAsync(HttpClient api, string channel) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/identity/organization/notifications/{channel}");

    /// <summary>Saves the rules as read (what the settings page sends back), the users and roles of each kept.</summary>
    private static async Task SaveRulesAsync(HttpClient api, string channel, JsonElement rules)
    {
        var request = new
        {
            rules = rules.GetProperty("rules").EnumerateArray().Select(rule => new
            {
                @event = rule.GetProperty("event").GetString(),
                enabled = rule.GetProperty("enabled").GetBoolean(),
                roles = rule.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).ToList(),
                userIds = rule.GetProperty("userIds").EnumerateArray().Select(id => id.GetGuid()).ToList(),
            }).ToList(),
        };
        using var saved = await api.PutAsJsonAsync($"/api/identity/organization/notifications/{channel}", request);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
    }

    /// <summary>The rules with "sync failed" on and naming <paramref name="userId"/> besides whom it named.</summary>
    private static JsonElement WithUser(JsonElement rules, Guid userId)
    {
        var changed = rules.GetProperty("rules").EnumerateArray().Select(rule =>
        {
            if (rule.GetProperty("event").GetString() != "sync-failed")
            {
                return (object)rule;
            }
            return new
            {
                @event = "sync-failed",
                enabled = true,
                roles = rule.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).ToList(),
                userIds = rule.GetProperty("userIds").EnumerateArray().Select(id => id.GetGuid()).Append(userId)
                    .Distinct().ToList(),
            };
        }).ToList();
        return JsonSerializer.SerializeToElement(new { rules = changed }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }

    private static Dictionary<string, string?> PlainValues(JsonElement integration,
        params (string Name, string Value)[] overrides)
    {
        // Plain values as shown; secrets left out keep what is stored, so only the overridden ones change.
        var values = integration.GetProperty("fields").EnumerateArray()
            .Where(field => !field.GetProperty("secret").GetBoolean())
            .ToDictionary(field => field.GetProperty("name").GetString()!,
                field => field.GetProperty("value").ValueKind == JsonValueKind.String
                    ? field.GetProperty("value").GetString()
                    : null);
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }
        return values;
    }

    private static int? IntervalOf(JsonElement integration) =>
        integration.GetProperty("syncIntervalMinutes").ValueKind == JsonValueKind.Number
            ? integration.GetProperty("syncIntervalMinutes").GetInt32()
            : null;

    private static async Task<Guid> OrganizationIdAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/identity/organization")).GetProperty("id").GetGuid();

    /// <summary>The organization's saved Pax8 settings row as JSON; null when it runs on the deployment's defaults.</summary>
    private static async Task<string?> SavedSettingsAsync(NpgsqlConnection subscription, Guid orgId)
    {
        await using var command = new NpgsqlCommand("""
            SELECT row_to_json(s)::text FROM integration_settings s WHERE org_id = @orgId AND integration = 'pax8'
            """, subscription);
        command.Parameters.AddWithValue("orgId", orgId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>
    /// Puts the Pax8 settings row back exactly (secrets included, which the API never returns), or removes the one
    /// this test saved when the organization ran on the deployment's defaults.
    /// </summary>
    private static async Task RestoreSettingsAsync(NpgsqlConnection subscription, Guid orgId, string? saved)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM integration_settings WHERE org_id = @orgId AND integration = 'pax8';
            INSERT INTO integration_settings
            SELECT * FROM json_populate_record(NULL::integration_settings, @saved::json) WHERE @saved::json IS NOT NULL;
            """, subscription);
        command.Parameters.AddWithValue("orgId", orgId);
        command.Parameters.Add(new NpgsqlParameter("saved", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)saved ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A gateway client with the user's session token. The gateway allows 10 sign-ins a minute from one address and
    /// the browser tests use them too: a refused attempt is tried again after its Retry-After.
    /// </summary>
    private async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        using var anonymous = fixture.System.CreateAnonymousGatewayClient();
        for (var attempt = 1; ; attempt++)
        {
            using var response = await anonymous.PostAsJsonAsync("/auth/sign-in", new { email, password });
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 4)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(10));
                continue;
            }
            var token = (await response.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("sessionToken")
                .GetString();
            var client = fixture.System.CreateAnonymousGatewayClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }

    /// <summary>The ids of the unread "Sync failed: Pax8" entries in the user's bell (the API the bell calls).</summary>
    private static async Task<List<Guid>> UnreadSyncFailuresAsync(HttpClient user)
    {
        var bell = await user.GetFromJsonAsync<JsonElement>("/api/identity/me/notifications");
        return bell.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("event").GetString() == "sync-failed"
                && item.GetProperty("title").GetString() == Title
                && item.GetProperty("readAt").ValueKind == JsonValueKind.Null)
            .Select(item => item.GetProperty("id").GetGuid())
            .ToList();
    }

    /// <summary>The sink's mail with the subject to <paramref name="address"/>, if it has arrived (smtp4dev's API).</summary>
    private async Task<JsonElement?> MailToAsync(string address)
    {
        using var sink = new HttpClient { BaseAddress = fixture.System.App.GetEndpoint("smtp-sink", "http") };
        var answer = await sink.GetFromJsonAsync<JsonElement>("/api/messages");
        // smtp4dev answers a page ({ results: [...] }) in newer versions, a plain array in older ones.
        var messages = answer.ValueKind == JsonValueKind.Array ? answer : answer.GetProperty("results");
        foreach (var message in messages.EnumerateArray())
        {
            var to = message.GetProperty("to");
            var recipients = to.ValueKind == JsonValueKind.Array
                ? to.EnumerateArray().Select(recipient => recipient.ToString())
                : [to.ToString()];
            if (message.GetProperty("subject").GetString() == Subject
                && recipients.Any(recipient => recipient.Contains(address, StringComparison.OrdinalIgnoreCase)))
            {
                return message;
            }
        }
        return null;
    }
}
