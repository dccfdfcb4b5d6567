using System.Collections.Frozen;
using System.Globalization;

namespace BillingOne.BuildingBlocks.Paging;

/// <summary>
/// Reads a list's optional query parameters as text, so a malformed value becomes a validation error under the
/// parameter's name instead of a binding failure without one. Absent or blank values are null (or the default).
/// </summary>
public static class QueryValues
{
    /// <param name="invalid">The message for a value that is not an id, given the trimmed value; by default
    /// "<c>{parameter} must be an id (uuid).</c>".</param>
    public static Guid? ParseGuid(string? value, string parameter, IDictionary<string, string[]> errors,
        Func<string, string>? invalid = null)
    {
        if (Trimmed(value) is not { } text)
        {
            return null;
        }
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }
        errors[parameter] = [invalid?.Invoke(text) ?? $"{parameter} must be an id (uuid)."];
        return null;
    }

    /// <summary>
    /// A whole number the framework has already bound (a query parameter typed <c>int?</c>, so text that is no number
    /// is a 400 naming the parameter before the handler runs), checked against its bounds: null when absent, else the
    /// value, or null with an error under <paramref name="parameter"/> when it lies outside
    /// [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static int? WithinBounds(int? value, string parameter, int min, int max, IDictionary<string, string[]> errors)
    {
        if (value is not { } number || (number >= min && number <= max))
        {
            return value;
        }
        errors[parameter] = [$"{parameter} must be a whole number from {min} to {max}."];
        return null;
    }

    public static bool? ParseBoolean(string? value, string parameter, IDictionary<string, string[]> errors)
    {
        if (Trimmed(value) is not { } text)
        {
            return null;
        }
        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }
        errors[parameter] = [$"{parameter} must be 'true' or 'false'."];
        return null;
    }

    /// <summary>
    /// An optional range of days, <c>from</c> and <c>to</c> (YYYY-MM-DD, both included, either may be left open); an
    /// error names the parameter that is not a day, or <c>to</c> when it comes before <c>from</c>.
    /// </summary>
    public static (DateOnly? From, DateOnly? To) ParseDayRange(string? from, string? to,
        IDictionary<string, string[]> errors)
    {
        var first = ParseDay(from, "from", errors);
        var last = ParseDay(to, "to", errors);
        if (first > last)
        {
            errors["to"] = ["to must be on or after from."];
        }
        return (first, last);
    }

    private static DateOnly? ParseDay(string? value, string parameter, IDictionary<string, string[]> errors)
    {
        if (Trimmed(value) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[parameter] = [$"{parameter} must be a day written YYYY-MM-DD, e.g. 2026-11-30."];
        return null;
    }

    /// <summary>Trimmed text, null when blank; an error when longer than <paramref name="maxLength"/>.</summary>
    public static string? ParseText(string? value, string parameter, int maxLength, IDictionary<string, string[]> errors)
    {
        var text = Trimmed(value);
        if (text?.Length > maxLength)
        {
            errors[parameter] = [$"{parameter} must be at most {maxLength} characters."];
        }
        return text;
    }

    /// <summary>
    /// One of <typeparamref name="TChoice"/>'s members, named as the API spells them (camelCase, any case);
    /// <paramref name="defaultChoice"/> when absent. An error lists the names when the value is none of them.
    /// </summary>
    public static TChoice ParseChoice<TChoice>(string? value, string parameter, TChoice defaultChoice,
        IDictionary<string, string[]> errors) where TChoice : struct, Enum
    {
        if (Trimmed(value) is not { } text)
        {
            return defaultChoice;
        }
        if (Choices<TChoice>.ByName.TryGetValue(text, out var choice))
        {
            return choice;
        }
        errors[parameter] = [$"{parameter} must be one of {Choices<TChoice>.Listed}."];
        return defaultChoice;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The API names of an enum's members, read once per enum.</summary>
    private static class Choices<TChoice> where TChoice : struct, Enum
    {
        public static readonly FrozenDictionary<string, TChoice> ByName = Enum.GetValues<TChoice>()
            .ToFrozenDictionary(choice => choice.ToString(), StringComparer.OrdinalIgnoreCase);

        public static readonly string Listed = string.Join(", ",
            Enum.GetNames<TChoice>().Select(name => $"'{char.ToLowerInvariant(name[0])}{name[1..]}'"));
    }
}
