namespace BillingOne.Subscription.Domain;

/// <summary>How the API and the database spell enum values: <c>PendingManual</c> → <c>pending-manual</c>.</summary>
public static class KebabNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((character, index) => char.IsUpper(character) && index > 0
            ? "-" + char.ToLowerInvariant(character)
            : char.ToLowerInvariant(character).ToString()));

    public static TEnum Parse<TEnum>(string value) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
}
