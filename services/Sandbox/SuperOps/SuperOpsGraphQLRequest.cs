using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BillingOne.Sandbox.SuperOps;

/// <summary>
/// Just enough GraphQL to answer SuperOps' list queries: the first root field of a query, whose
/// <c>input: {page, pageSize}</c> may be written inline or passed as variables (the whole input, or each number).
/// Selections are checked against SuperOps' schema (<see cref="SuperOpsSchema"/>) but not projected: every field of the
/// items is answered, which clients that select fewer simply ignore.
/// </summary>
/// <param name="Selection">The root field's selection set, from its opening brace to the end of the query.</param>
public sealed partial record SuperOpsGraphQLRequest(string Field, int Page, int PageSize, string Selection)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>The request, or null and the GraphQL error message saying why it cannot be answered.</summary>
    public static SuperOpsGraphQLRequest? Parse(string query, JsonElement? variables, out string? error)
    {
        var withoutComments = Comment().Replace(query, "");
        var root = RootField().Match(withoutComments);
        if (!root.Success)
        {
            error = withoutComments.TrimStart().StartsWith("mutation", StringComparison.Ordinal)
                ? "The sandbox answers queries only, not mutations."
                : "Syntax Error: expected a query with one root field.";
            return null;
        }
        var arguments = root.Groups["arguments"].Value;
        var input = InputVariable().Match(arguments) is { Success: true } reference
            ? Variable(variables, reference.Groups["name"].Value)
            : null;
        var page = Number(arguments, "page", input, variables) ?? 1;
        var pageSize = Number(arguments, "pageSize", input, variables) ?? DefaultPageSize;
        if (page < 1 || pageSize is < 1 or > MaxPageSize)
        {
            error = $"input.page must be 1 or more and input.pageSize between 1 and {MaxPageSize}.";
            return null;
        }
        error = null;
        return new SuperOpsGraphQLRequest(root.Groups["field"].Value, page, pageSize,
            withoutComments[(root.Index + root.Length)..]);
    }

    private static int? Number(string arguments, string name, JsonElement? input, JsonElement? variables)
    {
        if (input is { ValueKind: JsonValueKind.Object } inputObject && inputObject.TryGetProperty(name, out var fromInput))
        {
            return fromInput.TryGetInt32(out var value) ? value : null;
        }
        var inline = Regex.Match(arguments, $@"\b{name}\s*:\s*(?<value>\$?\w+)");
        if (!inline.Success)
        {
            return null;
        }
        var text = inline.Groups["value"].Value;
        if (text.StartsWith('$'))
        {
            return Variable(variables, text[1..]) is { } variable && variable.TryGetInt32(out var value) ? value : null;
        }
        return int.TryParse(text, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static JsonElement? Variable(JsonElement? variables, string name) =>
        variables is { ValueKind: JsonValueKind.Object } all && all.TryGetProperty(name, out var value) ? value : null;

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();

    /// <summary>An optional <c>query Name($vars)</c>, then the first field of the selection and its arguments.</summary>
    [GeneratedRegex(@"^\s*(?:query\b[^{]*)?\{\s*(?<field>[_A-Za-z]\w*)\s*(?:\((?<arguments>[^)]*)\))?")]
    private static partial Regex RootField();

    [GeneratedRegex(@"\binput\s*:\s*\$(?<name>\w+)")]
    private static partial Regex InputVariable();
}
