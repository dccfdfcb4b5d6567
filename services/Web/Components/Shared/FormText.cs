using System.Globalization;

namespace BillingOne.Web.Components.Shared;

/// <summary>How the forms turn typed text into request members and values back into text.</summary>
public static class FormText
{
    /// <summary>Blank text as null (an absent member), anything else trimmed.</summary>
    public static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A stored number as an input shows it: invariant, without grouping or trailing zeros.</summary>
    public static string Of(decimal number) => number.ToString("0.############", CultureInfo.InvariantCulture);
}
