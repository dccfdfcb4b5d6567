using System.Text.Json.Serialization;

namespace BillingOne.Projection.Domain;

/// <summary>How a client's managed devices compare with its per-device licences.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClientBillingStatus>))]
public enum ClientBillingStatus
{
    /// <summary>Devices and licences align.</summary>
    [JsonStringEnumMemberName("matched")]
    Matched,

    /// <summary>More devices than licences: billing gap.</summary>
    [JsonStringEnumMemberName("under-licensed")]
    UnderLicensed,

    /// <summary>More licences than devices.</summary>
    [JsonStringEnumMemberName("over-licensed")]
    OverLicensed,

    /// <summary>No reconciliation snapshot yet.</summary>
    [JsonStringEnumMemberName("no-data")]
    NoData,
}

public static class ClientBillingStatuses
{
    private static readonly Dictionary<ClientBillingStatus, string> Codes = new()
    {
        [ClientBillingStatus.Matched] = "matched",
        [ClientBillingStatus.UnderLicensed] = "under-licensed",
        [ClientBillingStatus.OverLicensed] = "over-licensed",
        [ClientBillingStatus.NoData] = "no-data",
    };

    /// <summary>The status as the API and the database spell it.</summary>
    public static string ToCode(this ClientBillingStatus status) => Codes[status];

    public static ClientBillingStatus? FromCode(string? code)
    {
        foreach (var (status, known) in Codes)
        {
            if (string.Equals(known, code, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }
        return null;
    }

    public static IEnumerable<string> AllCodes => Codes.Values;
}
