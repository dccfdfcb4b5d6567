namespace BillingOne.Web.Components.Shared;

/// <summary>What a select's value means: an id ("" for none), or a yes/no filter with "either" ("", "true", "false").</summary>
public static class SelectValues
{
    public static Guid? Id(object? value) => Guid.TryParse(value as string, out var id) ? id : null;

    public static string Flag(bool? state) => state switch
    {
        true => "true",
        false => "false",
        null => string.Empty,
    };

    public static bool? ParseFlag(object? value) => bool.TryParse(value as string, out var state) ? state : null;
}
