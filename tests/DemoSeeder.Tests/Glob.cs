using System.Text.RegularExpressions;

namespace BillingOne.DemoSeeder.Tests;

/// <summary>
/// The services' glob rule (whole value, any case, <c>*</c> any run of characters, <c>?</c> one), to check the
/// demo data against its own rules.
/// </summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string value) => Regex.IsMatch(value,
        "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
