namespace BillingOne.Reconciliation.Data;

/// <summary>How the tables and the API spell a device's kind and state: the member's name in lower case.</summary>
public static class StoredNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
