using System.Globalization;
using System.Reflection;
using System.Text.Json;
using BillingOne.Web.Formatting;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Components;

/// <summary>
/// A list query record's members as the address's query parameters, each named as its member in camel case
/// (<c>ClientId</c> is <c>clientId</c>): a member at its default is left out to keep links short and the page size is
/// never in it. A value its member's type cannot hold (a hand-edited address) reads as the default, so the list shows.
/// </summary>
public static class ListAddress
{
    private const string PageSizeMember = "PageSize";

    /// <summary>The query the address <paramref name="uri"/> holds, <paramref name="defaults"/> where it holds none.</summary>
    public static TQuery Read<TQuery>(TQuery defaults, string uri) where TQuery : class
    {
        var parameters = QueryHelpers.ParseQuery(new Uri(uri).Query);
        // A record's primary constructor takes every member: the defaults' values, and the address's where it has one.
        var constructor = typeof(TQuery).GetConstructors().MaxBy(candidate => candidate.GetParameters().Length)!;
        var arguments = constructor.GetParameters().Select(parameter =>
        {
            var member = typeof(TQuery).GetProperty(parameter.Name!)!;
            var fallback = member.GetValue(defaults);
            return member.Name != PageSizeMember && parameters.TryGetValue(Name(member), out var text)
                ? Parse(text.ToString(), member.PropertyType) ?? fallback
                : fallback;
        }).ToArray();
        return (TQuery)constructor.Invoke(arguments);
    }

    /// <summary>The address's query parameters of <paramref name="query"/>; null removes one.</summary>
    public static IReadOnlyDictionary<string, object?> Write<TQuery>(TQuery query, TQuery defaults) where TQuery : class =>
        typeof(TQuery).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(member => member.Name != PageSizeMember && member.GetMethod is not null && member.SetMethod is not null)
            .ToDictionary(Name, member =>
            {
                var value = member.GetValue(query);
                return Equals(value, member.GetValue(defaults)) ? null : Write(value);
            });

    private static string Name(PropertyInfo member) => JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    private static object? Write(object? value) => value switch
    {
        null => null,
        DateOnly day => DayText.Write(day),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static object? Parse(string text, Type type)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(string) => trimmed,
            _ when target == typeof(Guid) => Guid.TryParse(trimmed, out var id) ? id : null,
            _ when target == typeof(bool) => bool.TryParse(trimmed, out var flag) ? flag : null,
            // Counts such as the page start at 1.
            _ when target == typeof(int) => int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count > 0 ? count : null,
            _ when target == typeof(DateOnly) => DayText.Read(trimmed),
            _ => null,
        };
    }
}
