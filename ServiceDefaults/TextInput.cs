using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A value of a request body the platform refuses to take in where the body is read, so the answer names the field
/// (a NUL in text, which PostgreSQL cannot store; a number <see cref="decimal"/> would round).
/// </summary>
/// <param name="reason">What is wrong, to follow the field's name: "must not contain NUL characters".</param>
public sealed class RejectedValueException(string reason) : JsonException($"The value {reason}.")
{
    public string Reason { get; } = reason;
}

/// <summary>Reads JSON strings of request bodies, refusing those with a NUL character.</summary>
internal sealed class TextWithoutNulConverter : JsonConverter<string>
{
    public const string Reason = "must not contain NUL characters";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WithoutNul(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    // A string converter also reads and writes the keys of string-keyed dictionaries (a problem's "errors"); without
    // these the serializer refuses such a dictionary and the 400 becomes a 500.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WithoutNul(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string? WithoutNul(string? text) =>
        text is not null && text.Contains('\0', StringComparison.Ordinal) ? throw new RejectedValueException(Reason) : text;
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
