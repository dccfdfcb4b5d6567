using System.Globalization;
using BillingOne.Web.Api;

namespace BillingOne.Web.Audit;

/// <summary>
/// The Audit Log's filters and page live in its URL (<c>audit-log?table=clients&amp;action=update</c>), so a view
/// can be linked to and survives a reload. Values that do not parse are dropped rather than sent to the API.
/// </summary>
public static class AuditLogUrl
{
    public const string TableParameter = "table";
    public const string ActionParameter = "action";
    public const string ActorParameter = "actorId";
    public const string FromParameter = "from";
    public const string ToParameter = "to";
    public const string PageParameter = "page";

    /// <summary>The format of the filter form's datetime-local inputs (minutes; the page treats them as UTC).</summary>
    public const string LocalInputFormat = "yyyy-MM-dd'T'HH:mm";

    public static AuditLogQuery Parse(string? table, string? action, string? actorId, string? from, string? to, int? page) =>
        new(
            Table: Blank(table),
            Action: Blank(action),
            ActorId: Guid.TryParse(actorId, CultureInfo.InvariantCulture, out var actor) ? actor : null,
            From: ParseTime(from),
            To: ParseTime(to),
            Page: page is > 0 ? page.Value : 1);

    public static IReadOnlyDictionary<string, object?> PageParameters(AuditLogQuery query) =>
        new Dictionary<string, object?>
        {
            [TableParameter] = query.Table,
            [ActionParameter] = query.Action,
            [ActorParameter] = query.ActorId?.ToString(),
            [FromParameter] = query.From is { } from ? AuditLogQuery.FormatTime(from) : null,
            [ToParameter] = query.To is { } to ? AuditLogQuery.FormatTime(to) : null,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };

    /// <summary>A time from the URL or from a datetime-local input; either is read as UTC.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time)
            ? time
            : null;

    /// <summary>The value a datetime-local input shows for <paramref name="time"/>.</summary>
    public static string ToInputValue(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString(LocalInputFormat, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
