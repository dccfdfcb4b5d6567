using System.Globalization;
using System.Text;

namespace BillingOne.Bench;

/// <summary>The browser scenario's figures for docs/benchmarks.md.</summary>
public static class BrowserReport
{
    public static string Render(BrowserFigures figures, DateTimeOffset ranAt)
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {BenchmarkReport.Machine()}; load average (1 min) ") +
            FormattableString.Invariant(
            $"{figures.LoadAverageStart:F1} as the system started, {figures.LoadAverageBetween:F1} as the first loads ended, {figures.LoadAverageEnd:F1} as the clicks ended."));
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"The system as scripts/run.sh starts it (Release build, the Aspire dashboard, the demo world: {figures.Clients:N0} clients), after the demo seeder finished and every queue was empty; ") +
            FormattableString.Invariant($"headless Debian chromium on the same machine; {figures.Rounds} first loads per screen and {figures.Rounds} rounds of clicks."));
        text.AppendLine();
        text.AppendLine("**First load** (a fresh browser context each time: nothing cached, the session cookie of one earlier sign-in):");
        text.AppendLine();
        text.AppendLine("| screen | address | **p50 ms** | p95 ms | max ms | ≤ 2 s | HTML / static files / circuit (p50 ms) | KB | raw HTML + files ms | raw layout API ms | raw screen API ms (calls) | browser ÷ raw (p50) |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in figures.FirstLoads)
        {
            var visible = row.Visible;
            var calls = BrowserBaseline.CallsOf(row.Page.Path).Count;
            var rawStatic = Median(row.RawStatic);
            var rawLayout = Median(row.RawLayout);
            var rawApi = calls == 0 ? 0 : Median(row.RawApi);
            var raw = rawStatic + (rawLayout ?? 0) + (rawApi ?? 0);
            var met = row.MeetsTarget ? "yes" : row.Loads.Count == 0 ? "**no content**" : "**no**";
            var timedOut = row.TimedOut > 0 ? $" ({row.TimedOut} timed out)" : "";
            text.AppendLine(FormattableString.Invariant(
                $"| {row.Page.Name} | /{row.Page.Path} | **{visible.P50:F0}** | {visible.P95:F0} | {visible.Max:F0} | {met}{timedOut} | ") +
                FormattableString.Invariant(
                $"{Median(row.Loads.Select(load => load.Html)):F0} / {Median(row.Loads.Select(load => load.Assets)):F0} / {Median(row.Loads.Select(load => load.Circuit)):F0} | ") +
                FormattableString.Invariant(
                $"{Median(row.Loads.Select(load => load.Bytes)) / 1024:F0} | {rawStatic:F0} | {Cell(rawLayout)} | {(calls == 0 ? "no call" : $"{Cell(rawApi)} ({calls})")} | ") +
                FormattableString.Invariant($"{(raw > 0 && row.Loads.Count > 0 ? $"{visible.P50 / raw:F1}×" : "—")} |"));
        }
        text.AppendLine();
        var allClicks = figures.Clicks.SelectMany(click => click.Clicks).ToList();
        var overall = LatencySummary.Of([.. allClicks.Select(TimeSpan.FromMilliseconds)]);
        var clickTimeouts = figures.Clicks.Sum(click => click.TimedOut);
        var rawByPath = figures.FirstLoads.ToDictionary(row => row.Page.Path, row => Median(row.RawApi));
        text.AppendLine(FormattableString.Invariant(
            $"**Click to content** (one warm browser context, {allClicks.Count:N0} clicks): **p50 {overall.P50:F0} ms, p95 {overall.P95:F0} ms**, max {overall.Max:F0} ms") +
            (clickTimeouts > 0 ? FormattableString.Invariant($"; {clickTimeouts} clicks showed no content within {BrowserProbe.Timeout.TotalSeconds:F0} s") : "") + ".");
        text.AppendLine();
        text.AppendLine("| click | clicks | p50 ms | **p95 ms** | max ms | ≤ 300 ms at p95 | raw screen API ms (p50) |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---:|");
        foreach (var click in figures.Clicks)
        {
            var latency = click.Latency;
            var met = click.Clicks.Count == 0 && click.TimedOut == 0
                ? "—"
                : click.TimedOut == 0 && latency.P95 <= BrowserBenchmark.ClickTargetP95Milliseconds ? "yes" : "**no**";
            var raw = BrowserBaseline.CallsOf(click.Path).Count == 0 ? "no call" : Cell(rawByPath.GetValueOrDefault(click.Path));
            text.AppendLine(FormattableString.Invariant(
                $"| {click.Action} | {click.Clicks.Count}{(click.TimedOut > 0 ? $" (+{click.TimedOut} timed out)" : "")} | {latency.P50:F0} | **{latency.P95:F0}** | {latency.Max:F0} | {met} | {raw} |"));
        }
        text.AppendLine();
        var slow = figures.FirstLoads.Where(row => !row.MeetsTarget).Select(row => row.Page.Name).ToList();
        var clickMet = clickTimeouts == 0 && overall.P95 <= BrowserBenchmark.ClickTargetP95Milliseconds;
        text.AppendLine(FormattableString.Invariant($"**Targets**: first load of every screen ≤ {BrowserBenchmark.FirstLoadTargetMilliseconds / 1000:F0} s (every load, so the max) — ") +
            (slow.Count == 0 ? "**met**" : $"**not met** by {string.Join(", ", slow)}") +
            FormattableString.Invariant($"; click to content p95 ≤ {BrowserBenchmark.ClickTargetP95Milliseconds:F0} ms over all clicks — ") +
            (clickMet ? "**met**." : "**not met**."));
        text.AppendLine();
        BenchmarkReport.AppendCpu(text, [("first loads", figures.FirstLoadCpuSeconds), ("clicks", figures.ClickCpuSeconds)]);
        text.AppendLine();
        text.Append("Content visible: the screen's title (`h1[data-testid=page-title]`) is rendered and nothing in `main` is loading " +
            "(no `.loading` note, no table with `aria-busy=\"true\"`), timed by the page's own clock from navigation start (first load) " +
            "or from the click (click to content; a click that opens a screen waits for that screen's title, one that sorts for the list to change). " +
            "HTML / static files / circuit: when the page's HTML, its last static file and Blazor's circuit negotiation had arrived. " +
            "Raw: the screen's HTML (with the session cookie) and static files fetched by HttpClient on a new connection one after the other, " +
            "the layout's 4 API calls (branding, unread notifications, failed sign-ins, client scope) and the screen's own opening calls, " +
            "with the web UI's default queries, one after the other with the signed-in user's session token, through the gateway right after each first load.");
        return text.ToString();
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : sorted[(sorted.Length - 1) / 2];
    }

    private static string Cell(double? milliseconds) =>
        milliseconds is { } value ? value.ToString("F0", CultureInfo.InvariantCulture) : "failed";
}
