namespace BillingOne.Web.Formatting;

/// <summary>
/// Ids as a person can tell them apart in a list. The services hand out UUIDv7s, whose leading characters are a
/// timestamp and so equal for rows created together; the trailing characters are random, so the short form is the
/// end of the id, not its start.
/// </summary>
public static class IdFormat
{
    public const int ShortLength = 8;

    /// <summary>The last <see cref="ShortLength"/> characters of the id without its hyphens; a shorter id whole.</summary>
    public static string Short(string id)
    {
        var compact = id.Replace("-", string.Empty, StringComparison.Ordinal);
        return compact.Length <= ShortLength ? id : compact[^ShortLength..];
    }

    public static string Short(Guid id) => Short(id.ToString());
}
