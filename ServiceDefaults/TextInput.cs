using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A text value the platform refuses to take in. PostgreSQL cannot store NUL in text, so a NUL anywhere would end as a
/// 500 on the way to the database: it is refused where the request is read, naming the field.
/// </summary>
public sealed class RejectedTextException(string message) : JsonException(message);

/// <summary>Reads JSON strings of request bodies, refusing those with a NUL character.</summary>
internal sealed class TextWithoutNulConverter : JsonConverter<string>
{
    public const string Reason = "must not contain NUL characters";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new RejectedTextException($"The value {Reason}.")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

/// <summary>Refuses a query string with a NUL character in any parameter: 400 problem naming the parameter.</summary>
internal sealed class QueryTextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Keys that differ only by their NUL characters name the same parameter: one error for it.
        var errors = context.Request.Query
            .Where(parameter => parameter.Key.Contains('\0', StringComparison.Ordinal)
                || parameter.Value.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true))
            .Select(parameter => parameter.Key.Replace("\0", "", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, name => new[] { $"{name} {TextWithoutNulConverter.Reason}." });
        return errors.Count == 0
            ? next(context)
            : Results.ValidationProblem(errors, title: "The query is not valid.").ExecuteAsync(context);
    }
}
