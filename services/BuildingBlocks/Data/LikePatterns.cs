namespace BillingOne.BuildingBlocks.Data;

public static class LikePatterns
{
    /// <summary>
    /// A LIKE/ILIKE pattern matching values that contain <paramref name="text"/> literally: its own <c>%</c>,
    /// <c>_</c> and <c>\</c> are escaped with PostgreSQL's default escape character.
    /// </summary>
    public static string Containing(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
