using System.Globalization;
using System.Numerics;
using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Shared;

/// <summary>
/// A form's messages by field: the form's own (a number that is not one) before anything is sent, otherwise the
/// server's validation problem. Field names are the API's JSON member names.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> local = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The server's answer to the last submit, shown as a whole below the form.</summary>
    public ApiProblem? Problem { get; private set; }

    public bool HasLocalErrors => local.Count > 0;

    public void Reset()
    {
        local.Clear();
        Problem = null;
    }

    public void Report(ApiProblem problem) => Problem = problem;

    /// <summary>The form's own message about <paramref name="field"/>, found before anything is sent.</summary>
    public void Refuse(string field, string message) => local[field] = message;

    public IReadOnlyList<string> For(string field) =>
        local.TryGetValue(field, out var message) ? [message] : Problem?.ErrorsFor(field) ?? [];

    /// <summary>For aria-invalid: "true" when the field has messages.</summary>
    public string? Invalid(string field) => For(field).Count > 0 ? "true" : null;

    /// <summary>A number typed into <paramref name="field"/>: null when blank, and a message when it is not a number.</summary>
    public decimal? ReadNumber(string field, string? text) =>
        Read<decimal>(field, text, NumberStyles.Number, "is not a number: use digits and a decimal point, e.g. 12.50.");

    /// <summary>A whole number typed into <paramref name="field"/>: null when blank, and a message when it is not one.</summary>
    public int? ReadWholeNumber(string field, string? text) =>
        Read<int>(field, text, NumberStyles.AllowLeadingSign, "is not a whole number: use digits only, e.g. 2.");

    private T? Read<T>(string field, string? text, NumberStyles styles, string refusal)
        where T : struct, INumberBase<T>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (T.TryParse(text.Trim(), styles, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        local[field] = $"“{text.Trim()}” {refusal}";
        return null;
    }
}
