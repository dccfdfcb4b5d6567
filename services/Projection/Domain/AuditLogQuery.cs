using System.Globalization;
using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Projection.Domain;

/// <summary>A validated request for a page of the Audit Log, newest first.</summary>
public sealed record AuditLogQuery(
    string? Table, string? Action, Guid? ActorId, DateTimeOffset? From, DateTimeOffset? To, PageRequest Page)
{
    public const int MaxNameLength = 100;

    /// <summary>
    /// <c>table</c> and <c>action</c> match exactly; <c>actorId</c> is a user or API key id; <c>from</c> (inclusive)
    /// and <c>to</c> (exclusive) are ISO-8601 instants with an offset. Errors are keyed by parameter.
    /// </summary>
    public static AuditLogQuery? Parse(string? table, string? action, string? actorId, string? from, string? to,
        int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        var tableFilter = QueryValues.ParseText(table, "table", MaxNameLength, errors);
        var actionFilter = QueryValues.ParseText(action, "action", MaxNameLength, errors);
        var actor = QueryValues.ParseGuid(actorId, "actorId", errors,
            _ => "actorId must be a user or API key id (a GUID).");
        var fromInstant = Instant(from, "from", errors);
        var toInstant = Instant(to, "to", errors);
        if (fromInstant is not null && toInstant is not null && fromInstant >= toInstant)
        {
            errors["to"] = ["to must be later than from."];
        }
        var pageRequest = PageRequest.Parse(page, pageSize, errors);
        return errors.Count > 0 ? null : new AuditLogQuery(tableFilter, actionFilter, actor, fromInstant, toInstant, pageRequest);
    }

    private static DateTimeOffset? Instant(string? value, string parameter, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        // An instant without an offset would be read in the server's zone: refuse it rather than guess.
        var culture = CultureInfo.InvariantCulture;
        if (DateTime.TryParse(value, culture, DateTimeStyles.RoundtripKind, out var parsed)
            && parsed.Kind != DateTimeKind.Unspecified
            && DateTimeOffset.TryParse(value, culture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }
        errors[parameter] = [$"{parameter} must be an ISO-8601 instant with an offset, e.g. 2026-11-01T00:00:00Z."];
        return null;
    }
}
