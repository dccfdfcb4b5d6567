namespace BillingOne.Web.Components.Metering;

/// <summary>A yes/no filter with "either" as a select's value: "", "true" or "false".</summary>
public static class TriState
{
    public static string Value(bool? state) => state switch
    {
        true => "true",
        false => "false",
        null => string.Empty,
    };

    public static bool? Parse(object? value) => bool.TryParse(value as string, out var state) ? state : null;
}
