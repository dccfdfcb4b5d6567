namespace BillingOne.Web.DomainsHostingList;

/// <summary>
/// A domain's status in words. Registrars pass on the registry's EPP status codes (RFC 5731), e.g.
/// <c>clientTransferProhibited</c>; the list shows what they mean and keeps the code as the tooltip.
/// </summary>
public static class DomainStatusText
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ok"] = "Active",
        ["active"] = "Active",
        ["expired"] = "Expired",
        ["inactive"] = "Inactive (no name servers)",
        ["clientTransferProhibited"] = "Transfer locked",
        ["serverTransferProhibited"] = "Transfer locked by the registry",
        ["clientUpdateProhibited"] = "Changes locked",
        ["serverUpdateProhibited"] = "Changes locked by the registry",
        ["clientDeleteProhibited"] = "Deletion locked",
        ["serverDeleteProhibited"] = "Deletion locked by the registry",
        ["clientRenewProhibited"] = "Renewal locked",
        ["serverRenewProhibited"] = "Renewal locked by the registry",
        ["clientHold"] = "On hold (not resolving)",
        ["serverHold"] = "On hold by the registry (not resolving)",
        ["pendingCreate"] = "Registration pending",
        ["pendingDelete"] = "Deletion pending",
        ["pendingRenew"] = "Renewal pending",
        ["pendingRestore"] = "Restore pending",
        ["pendingTransfer"] = "Transfer pending",
        ["pendingUpdate"] = "Change pending",
        ["redemptionPeriod"] = "In redemption (restorable)",
        ["autoRenewPeriod"] = "Just auto-renewed",
        ["addPeriod"] = "Just registered",
        ["renewPeriod"] = "Just renewed",
        ["transferPeriod"] = "Just transferred",
    };

    /// <summary>
    /// The status in words: each code of a list (separated by commas or spaces) named, a code not listed here with its
    /// camelCase split into words.
    /// </summary>
    public static string Describe(string status) => string.Join(", ",
        Codes(status).Select(code => Words.TryGetValue(code, out var words) ? words : SplitWords(code)));

    /// <summary>The tooltip: the codes as the registrar gave them.</summary>
    public static string Tooltip(string status) => $"Registry status: {string.Join(", ", Codes(status))}";

    private static string[] Codes(string status) =>
        status.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string SplitWords(string code)
    {
        var words = string.Concat(code.Select((character, index) =>
            index > 0 && char.IsUpper(character) ? $" {char.ToLowerInvariant(character)}" : character.ToString()));
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
