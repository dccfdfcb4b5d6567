using System.Globalization;
using System.Text.Encodings.Web;
using BillingOne.AppHost.Resources;

namespace BillingOne.AppHost.Dashboard;

/// <summary>Small helpers for the server-rendered pages: encoding, layout, and the formats shown in tables.</summary>
internal static class Html
{
    private const string Styles = """
        body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1d2330; background: #f6f7fa; }
        h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
        nav a { margin-right: 1rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
        th, td { border-bottom: 1px solid #e3e6ee; padding: .35rem .55rem; text-align: left; vertical-align: top; }
        th { background: #eef0f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { border-radius: .6rem; padding: .1rem .55rem; font-size: .8rem; font-weight: 600; color: #fff; }
        .Healthy, .Running { background: #2f855a; } .Starting, .Restarting { background: #b7791f; }
        .Unhealthy, .Crashed { background: #c53030; } .Stopped { background: #718096; }
        tr.error-queue td { background: #fff5f5; color: #9b2c2c; font-weight: 600; }
        .muted { color: #718096; } .notice { background: #ebf8ff; border: 1px solid #90cdf4; padding: .5rem; }
        pre.log { background: #11151c; color: #d8dee9; padding: 1rem; font-size: .8rem; white-space: pre-wrap; }
        pre.log .StandardError { color: #ff8a80; } pre.log .AppHost { color: #81d4fa; }
        form { display: inline; } button { cursor: pointer; }
        """;

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    /// <summary>A whole page; it reloads itself every <paramref name="refreshSeconds"/> seconds.</summary>
    public static string Page(string title, string body, int refreshSeconds) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="refresh" content="{refreshSeconds}">
        <title>{Encode(title)}</title><style>{Styles}</style></head>
        <body>{body}</body></html>
        """;

    public static string Badge(ResourceState state) => $"""<span class="badge {state}">{state}</span>""";

    public static string Links(IEnumerable<Uri> urls) =>
        string.Join("<br>", urls.Select(url =>
            url.Scheme is "http" or "https"
                ? $"""<a href="{Encode(url.ToString())}">{Encode(url.ToString())}</a>"""
                : Encode(url.ToString())));

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "",
        { TotalDays: >= 1 } d => $"{(int)d.TotalDays}d {d.Hours}h",
        { TotalHours: >= 1 } d => $"{(int)d.TotalHours}h {d.Minutes:00}m",
        { TotalMinutes: >= 1 } d => $"{d.Minutes}m {d.Seconds:00}s",
        var d => $"{d.Value.Seconds}s",
    };

    public static string Time(DateTimeOffset timestamp) =>
        timestamp.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("0.##", CultureInfo.InvariantCulture);
}
