using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOne.Invoice.Connectors.SuperOps;

// The JSON of SuperOps' GraphQL answers as sent: every field nullable, so a missing one is reported by the validation
// with its path instead of failing the whole read. SuperOps' schema types amounts and quantities as String and ids as
// ID; the serializer reads numbers from strings (web defaults) and ids from numbers or strings (FlexibleId).

internal sealed record GraphQLAnswer<TList>(Dictionary<string, TList?>? Data, IReadOnlyList<GraphQLError?>? Errors);

internal sealed record GraphQLError(string? Message, GraphQLErrorExtensions? Extensions);

internal sealed record GraphQLErrorExtensions(string? Code);

internal sealed record ListInfoDocument(int? Page, int? PageSize, bool? HasMore, int? TotalCount);

internal sealed record InvoiceListDocument(IReadOnlyList<InvoiceDocument?>? Invoices, ListInfoDocument? ListInfo);

internal sealed record ClientListDocument(IReadOnlyList<ClientDocument?>? Clients, ListInfoDocument? ListInfo);

/// <summary>The invoice's <c>client</c>, a JSON scalar holding the client's accountId and name.</summary>
internal sealed record ClientReferenceDocument([property: JsonConverter(typeof(FlexibleId))] string? AccountId, string? Name);

/// <summary>An item's <c>serviceItem</c>, a JSON scalar holding the service item's itemId, name and quantityType.</summary>
internal sealed record ServiceItemDocument([property: JsonConverter(typeof(FlexibleId))] string? ItemId, string? Name);

internal sealed record InvoiceItemDocument(
    [property: JsonConverter(typeof(FlexibleId))] string? ItemId,
    ServiceItemDocument? ServiceItem,
    string? Details,
    decimal? Quantity,
    decimal? UnitPrice,
    decimal? Amount);

internal sealed record InvoiceDocument(
    [property: JsonConverter(typeof(FlexibleId))] string? InvoiceId,
    string? DisplayId,
    ClientReferenceDocument? Client,
    string? InvoiceDate,
    string? DueDate,
    string? StatusEnum,
    decimal? TotalAmount,
    IReadOnlyList<InvoiceItemDocument?>? Items);

internal sealed record ClientDocument([property: JsonConverter(typeof(FlexibleId))] string? AccountId, string? Name, string? Status);

/// <summary>A GraphQL <c>ID</c>: a string on the wire, which SuperOps' reference examples also show as a bare number.</summary>
internal sealed class FlexibleId : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"An ID is a string or a number, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
