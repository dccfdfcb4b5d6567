namespace BillingOne.Bench;

/// <summary>
/// Figures kept between an HTML comment pair in a hand-written document: a run replaces what the markers hold and
/// leaves the text around them as it is.
/// </summary>
public static class MarkedFigures
{
    /// <summary>
    /// <paramref name="existing"/> with the figures between <paramref name="start"/> and <paramref name="end"/>
    /// replaced; appended with their markers when the document has none; a new document of
    /// <paramref name="heading"/> and the marked figures when there is no document yet.
    /// </summary>
    public static string Merge(string? existing, string start, string end, string figures, string heading)
    {
        var marked = $"{start}\n{figures}\n{end}";
        if (existing is null)
        {
            return heading + marked + "\n";
        }
        var from = existing.IndexOf(start, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        return from >= 0 && to > from
            ? existing[..from] + marked + existing[(to + end.Length)..]
            : existing.TrimEnd() + "\n\n" + marked + "\n";
    }
}
