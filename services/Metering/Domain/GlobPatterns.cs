using System.Text;

namespace BillingOne.Metering.Domain;

/// <summary>Globs as unit type filter patterns use them: <c>*</c> any run of characters, <c>?</c> one character.</summary>
public static class GlobPatterns
{
    /// <summary>
    /// The LIKE pattern (PostgreSQL's default escape character <c>\</c>) that matches what <paramref name="glob"/>
    /// matches, so the database filters assets instead of the service loading them all. Every other character,
    /// including LIKE's own <c>%</c> and <c>_</c>, is matched literally.
    /// </summary>
    public static string ToLikePattern(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = new StringBuilder(glob.Length + 8);
        foreach (var character in glob)
        {
            pattern.Append(character switch
            {
                '*' => "%",
                '?' => "_",
                '%' or '_' or '\\' => "\\" + character,
                _ => character.ToString(),
            });
        }
        return pattern.ToString();
    }
}
