using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Dashboard;
using BillingOne.Testing.Servers;
using BillingOne.AppHost.Orchestration;
using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.AppHost.Tests;

/// <summary>The dashboard on a real Kestrel port, showing a real supervised process (no servers started).</summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private SupervisedProcess _worker = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var plan = PlanWithDashboardOn(LoopbackPorts.GetFree());
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddDashboard(plan);
        _app = builder.Build();
        _app.MapDashboard();
        await _app.StartAsync();

        _worker = new SupervisedProcess(
            new ProcessSpec("worker", ResourceKind.Process, "sh", ["-c", "echo '<b>bold</b> & done'; exec sleep 300"],
                Path.GetTempPath(), new Dictionary<string, string?>(), [new Uri("http://127.0.0.1:5999/")], null),
            SupervisionOptions.Default, _app.Services.GetRequiredService<FailureLog>(), NullLogger.Instance);
        _app.Services.GetRequiredService<ResourceRegistry>().Add(_worker);
        _worker.Start();
        _client = new HttpClient { BaseAddress = plan.DashboardUri };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _worker.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Lists_resources_as_json_with_their_state_and_pid()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _worker.WaitUntilAsync(snapshot => snapshot.ProcessId is not null, limit.Token);

        var resources = await _client.GetFromJsonAsync<JsonElement>("/api/resources");

        var worker = resources.EnumerateArray().Single(resource => resource.GetProperty("name").GetString() == "worker");
        worker.GetProperty("state").GetString().ShouldBe("Running");
        worker.GetProperty("processId").GetInt32().ShouldBe(_worker.Snapshot().ProcessId!.Value);
        worker.GetProperty("urls")[0].GetString().ShouldBe("http://127.0.0.1:5999/");
    }

    [Fact]
    public async Task Shows_a_resource_console_output_html_encoded()
    {
        await Eventually(async () =>
            (await _client.GetStringAsync("/resources/worker/logs")).ShouldContain("&lt;b&gt;bold&lt;/b&gt; &amp; done"));
    }

    [Fact]
    public async Task Overview_lists_the_resources_and_says_why_there_are_no_queues()
    {
        var page = await _client.GetStringAsync("/");

        page.ShouldContain("<strong>worker</strong>");
        page.ShouldContain("RabbitMQ is not running yet.");
        page.ShouldContain("Recent failures");
    }

    [Fact]
    public async Task Unknown_resource_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/resources/nobody/logs");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("There is no resource named 'nobody'.");
    }

    [Fact]
    public async Task Redelivery_refuses_a_queue_that_is_not_an_error_queue()
    {
        using var response = await _client.PostAsJsonAsync("/api/queues/redeliver", new { virtualHost = "/", queue = "orders" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("'orders' is not an error queue");
    }

    [Fact]
    public async Task The_redeliver_form_needs_the_antiforgery_token()
    {
        using var response = await _client.PostAsync("/queues/redeliver",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["virtualHost"] = "/", ["queue"] = "orders_error" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task Eventually(Func<Task> assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (ShouldAssertException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static AppHostPlan PlanWithDashboardOn(int port) => new(
        RepositoryRoot: "/repo",
        DataDirectory: "/repo/.data/apphost",
        BuildConfiguration: "Debug",
        EnvironmentName: "Development",
        OtlpEndpoint: null,
        DashboardPort: port,
        Projects: [.. ProjectCatalog.All.Select(definition => new ProjectLaunch(definition, definition.DefaultPort,
            definition.DefaultGrpcPort, "/repo/" + definition.ProjectDirectory, "/repo/x.dll"))],
        Postgres: new PostgresPlan(null, 5140, "/repo/.data/apphost/postgres"),
        RabbitMq: new RabbitMqPlan(null, null, 5141, 5142, "/repo/.data/apphost/rabbitmq", "billingone-apphost"),
        Supervision: SupervisionOptions.Default,
        DemoDataScript: null);
}
