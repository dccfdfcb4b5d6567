using System.Text;

namespace BillingOne.Metering.Domain;

/// <summary>
/// The globs of assignment rules and unit type filter patterns: <c>*</c> is any run of characters (none included),
/// <c>?</c> exactly one, every other character stands for itself, and the whole value must match, ignoring case.
/// Globs are applied to many assets at once, so matching runs in PostgreSQL: a glob becomes an <c>ILIKE</c> pattern.
/// </summary>
public static class GlobPattern
{
    /// <summary>
    /// The <c>ILIKE</c> pattern matching what <paramref name="glob"/> matches. The glob's own <c>%</c>, <c>_</c>
    /// and <c>\</c> are escaped with PostgreSQL's default escape character, so they match only themselves.
    /// </summary>
    public static string ToLikePattern(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var like = new StringBuilder(glob.Length + 4);
        foreach (var character in glob)
        {
            switch (character)
            {
                case '*':
                    like.Append('%');
                    break;
                case '?':
                    like.Append('_');
                    break;
                case '%' or '_' or '\\':
                    like.Append('\\').Append(character);
                    break;
                default:
                    like.Append(character);
                    break;
            }
        }
        return like.ToString();
    }
}
