using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BillingOne.Sandbox.NinjaOne;

/// <summary>
/// The part of NinjaOne's device filter (<c>df</c>) a billing connector needs: devices of one organization
/// (<c>org = 12</c>) or of several (<c>org in (12, 15)</c>). Anything else is refused, not ignored, so a
/// connector never mistakes an unfiltered answer for a filtered one.
/// </summary>
public sealed partial class DeviceFilter
{
    public static readonly DeviceFilter All = new(null);

    private readonly HashSet<int>? organizationIds;

    private DeviceFilter(HashSet<int>? organizationIds) => this.organizationIds = organizationIds;

    public bool Matches(int organizationId) => organizationIds?.Contains(organizationId) ?? true;

    public static bool TryParse(string? expression, [NotNullWhen(true)] out DeviceFilter? filter)
    {
        filter = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            filter = All;
            return true;
        }
        var match = OrganizationFilter().Match(expression);
        if (!match.Success)
        {
            return false;
        }
        var ids = (match.Groups["single"].Success ? match.Groups["single"].Value : match.Groups["list"].Value)
            .Split(',', StringSplitOptions.TrimEntries);
        var parsed = new HashSet<int>();
        foreach (var id in ids)
        {
            if (!int.TryParse(id, out var organizationId))
            {
                return false; // digits beyond int range
            }
            parsed.Add(organizationId);
        }
        filter = new DeviceFilter(parsed);
        return true;
    }

    [GeneratedRegex(@"^\s*org\s*(?:=\s*(?<single>\d+)|in\s*\(\s*(?<list>\d+(?:\s*,\s*\d+)*)\s*\))\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationFilter();
}
