using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Api;

// The projection service's combined audit log:
//   GET /api/projection/audit-log?table=&action=&actorId=&from=&to=&page=&pageSize= -> PagedList<AuditEntry>

/// <summary>One change recorded by a service.</summary>
/// <param name="Id">The read model's id, only used to tell rows apart (a number or a string, shown as text).</param>
/// <param name="ActorType"><c>user</c>, <c>api-key</c> or <c>service</c>.</param>
/// <param name="ApiKeyId">The key the change was made with; null for changes made by a signed-in user.</param>
/// <param name="OldValues">The record before the change (JSON); null for a create.</param>
/// <param name="NewValues">The record after the change (JSON); null for a delete.</param>
public sealed record AuditEntry(
    [property: JsonConverter(typeof(JsonScalarAsStringConverter))] string Id,
    string Service,
    string Action,
    string Table,
    [property: JsonConverter(typeof(JsonScalarAsStringConverter))] string RecordId,
    string ActorType,
    Guid ActorId,
    Guid? ApiKeyId,
    JsonElement? OldValues,
    JsonElement? NewValues,
    DateTimeOffset CreatedAt);

/// <summary>Filters and paging of the audit log; null filters are left out of the request.</summary>
/// <param name="From">Inclusive lower bound of <c>createdAt</c> (UTC).</param>
/// <param name="To">Upper bound of <c>createdAt</c> (UTC).</param>
public sealed record AuditLogQuery(
    string? Table = null,
    string? Action = null,
    Guid? ActorId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = AuditLogQuery.DefaultPageSize) : IPagedQuery<AuditLogQuery>
{
    public const int DefaultPageSize = 50;
    public const string Path = "api/projection/audit-log";

    public AuditLogQuery WithPage(int page) => this with { Page = page };

    /// <summary>ISO 8601 in UTC, the form both the API and the page URL use for times.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public string ToRequestUri()
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (Table is not null)
        {
            parameters.Add(new("table", Table));
        }

        if (Action is not null)
        {
            parameters.Add(new("action", Action));
        }

        if (ActorId is not null)
        {
            parameters.Add(new("actorId", ActorId.Value.ToString()));
        }

        if (From is not null)
        {
            parameters.Add(new("from", FormatTime(From.Value)));
        }

        if (To is not null)
        {
            parameters.Add(new("to", FormatTime(To.Value)));
        }

        parameters.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(Path, parameters);
    }
}

/// <summary>
/// Reads a JSON number or string as text: ids that the UI only displays and compares need not commit to the
/// service's choice of bigint or text.
/// </summary>
public sealed class JsonScalarAsStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            // A number's raw text, as sent (a streamed body may hold it in more than one buffer segment).
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(
                reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
            _ => throw new JsonException($"Expected a string or a number, found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
