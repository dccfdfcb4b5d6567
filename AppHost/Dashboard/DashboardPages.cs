using System.Text;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.RabbitMq;
using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;
using static BillingOne.AppHost.Dashboard.Html;

namespace BillingOne.AppHost.Dashboard;

/// <summary>The dashboard's HTML: the overview (resources, queues, failures) and one log page per resource.</summary>
internal static class DashboardPages
{
    private const int OverviewRefreshSeconds = 5;
    private const int LogRefreshSeconds = 3;
    private const int FailuresShown = 50;

    public record AntiforgeryField(string Name, string Value);

    public static string Overview(
        AppHostPlan plan,
        IReadOnlyList<ResourceSnapshot> resources,
        QueueOverview queues,
        IReadOnlyList<FailureRecord> failures,
        AntiforgeryField antiforgery,
        string? notice)
    {
        var gateway = plan.Project(ProjectCatalog.Gateway).Endpoint;
        var html = new StringBuilder()
            .Append("<h1>BillingOne AppHost</h1>")
            .Append($"""<nav><a href="{gateway}">Gateway</a><a href="{new Uri(gateway, "scalar")}">Scalar</a>""")
            .Append("""<a href="/api/resources">/api/resources</a><a href="/api/queues">/api/queues</a></nav>""");
        if (notice is not null)
        {
            html.Append($"""<p class="notice">{Encode(notice)}</p>""");
        }

        AppendResources(html, resources);
        AppendQueues(html, queues, antiforgery);
        AppendFailures(html, failures);
        return Page("BillingOne AppHost", html.ToString(), OverviewRefreshSeconds);
    }

    public static string Log(ResourceSnapshot resource, IReadOnlyList<LogLine> lines)
    {
        var html = new StringBuilder()
            .Append($"<h1>{Encode(resource.Name)} {Badge(resource.State)}</h1>")
            .Append($"""<nav><a href="/">← Dashboard</a><a href="/api/resources/{Encode(resource.Name)}/logs">JSON</a></nav>""")
            .Append($"""<p class="muted">Last {lines.Count} lines, oldest first; red = stderr, blue = AppHost.</p><pre class="log">""");
        foreach (var line in lines)
        {
            html.Append($"""<span class="{line.Stream}">{Time(line.Timestamp)} {Encode(line.Text)}</span>""").Append('\n');
        }
        html.Append("</pre><script>window.scrollTo(0, document.body.scrollHeight);</script>");
        return Page($"{resource.Name} — logs", html.ToString(), LogRefreshSeconds);
    }

    private static void AppendResources(StringBuilder html, IReadOnlyList<ResourceSnapshot> resources)
    {
        html.Append("<h2>Resources</h2><table><tr><th>Name</th><th>Kind</th><th>State</th><th>PID</th><th>Uptime</th>")
            .Append("<th>Restarts</th><th>Health / detail</th><th>URLs</th><th>Console</th></tr>");
        foreach (var resource in resources)
        {
            html.Append("<tr>")
                .Append($"<td><strong>{Encode(resource.Name)}</strong></td>")
                .Append($"<td>{resource.Kind}</td>")
                .Append($"<td>{Badge(resource.State)}</td>")
                .Append($"""<td class="num">{resource.ProcessId}</td>""")
                .Append($"""<td class="num">{Duration(resource.Uptime)}</td>""")
                .Append($"""<td class="num">{resource.Restarts}</td>""")
                .Append($"<td>{Encode(resource.HealthDetail)}{ExitCode(resource)}</td>")
                .Append($"<td>{Links(resource.Urls)}</td>")
                .Append($"""<td><a href="/resources/{Encode(resource.Name)}/logs">logs</a></td>""")
                .Append("</tr>");
        }
        html.Append("</table>");
    }

    private static string ExitCode(ResourceSnapshot resource) =>
        resource.LastExitCode is { } code ? $"""<br><span class="muted">last exit code {code}</span>""" : "";

    private static void AppendQueues(StringBuilder html, QueueOverview overview, AntiforgeryField antiforgery)
    {
        var errorQueues = overview.ErrorQueuesWithMessages.ToList();
        html.Append("<h2>RabbitMQ queues");
        if (errorQueues.Count > 0)
        {
            html.Append($""" — <span class="badge Crashed">{errorQueues.Count} error queue(s), {errorQueues.Sum(q => q.Messages)} message(s)</span>""");
        }
        html.Append("</h2>");
        if (overview.Unavailable is { } reason)
        {
            html.Append($"""<p class="muted">{Encode(reason)}</p>""");
            return;
        }

        html.Append("<table><tr><th>VHost</th><th>Queue</th><th>Messages</th><th>Ready</th><th>Unacked</th>")
            .Append("<th>Consumers</th><th>Publish/s</th><th>Deliver/s</th><th>State</th><th></th></tr>");
        foreach (var queue in overview.Queues)
        {
            var failed = queue.IsErrorQueue && queue.Messages > 0;
            html.Append(failed ? """<tr class="error-queue">""" : "<tr>")
                .Append($"<td>{Encode(queue.VirtualHost)}</td><td>{Encode(queue.Name)}</td>")
                .Append($"""<td class="num">{queue.Messages}</td><td class="num">{queue.Ready}</td>""")
                .Append($"""<td class="num">{queue.Unacknowledged}</td><td class="num">{queue.Consumers}</td>""")
                .Append($"""<td class="num">{Rate(queue.PublishRate)}</td><td class="num">{Rate(queue.DeliverRate)}</td>""")
                .Append($"<td>{Encode(queue.State)}</td><td>");
            if (failed)
            {
                html.Append($"""
                    <form method="post" action="/queues/redeliver">
                    <input type="hidden" name="{Encode(antiforgery.Name)}" value="{Encode(antiforgery.Value)}">
                    <input type="hidden" name="virtualHost" value="{Encode(queue.VirtualHost)}">
                    <input type="hidden" name="queue" value="{Encode(queue.Name)}">
                    <button type="submit" title="Move the messages back to {Encode(queue.SourceQueue)}">Redeliver</button></form>
                    """);
            }
            html.Append("</td></tr>");
        }
        html.Append("</table>");
        if (overview.Queues.Count == 0)
        {
            html.Append("""<p class="muted">No queues yet.</p>""");
        }
    }

    private static void AppendFailures(StringBuilder html, IReadOnlyList<FailureRecord> failures)
    {
        html.Append("<h2>Recent failures</h2>");
        if (failures.Count == 0)
        {
            html.Append("""<p class="muted">None.</p>""");
            return;
        }
        html.Append("<table><tr><th>Time (UTC)</th><th>Resource</th><th>Kind</th><th>Detail</th></tr>");
        foreach (var failure in failures.Reverse().Take(FailuresShown))
        {
            html.Append($"""<tr><td>{Time(failure.Timestamp)}</td><td><a href="/resources/{Encode(failure.Resource)}/logs">{Encode(failure.Resource)}</a></td>""")
                .Append($"<td>{failure.Kind}</td><td>{Encode(failure.Detail)}</td></tr>");
        }
        html.Append("</table>");
    }
}
