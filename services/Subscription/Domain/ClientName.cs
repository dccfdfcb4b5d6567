using BillingOne.BuildingBlocks.Validation;

namespace BillingOne.Subscription.Domain;

/// <summary>A client's display name: trimmed, 1–200 characters, no control characters.</summary>
public static class ClientName
{
    public const int MaxLength = 200;

    /// <summary>
    /// The name as stored (surrounding white space removed), or null with the reason it is not acceptable.
    /// </summary>
    public static string? Normalize(string? value, out string? error) =>
        DisplayName.Normalize(value, MaxLength, out error);
}
