namespace BillingOne.Identity.Domain;

/// <summary>
/// The User-Agent a session signed in with, as stored: trimmed, at most <see cref="MaxLength"/> characters (longer
/// ones are cut: it is shown, never trusted), and nothing at all for a missing or blank header.
/// </summary>
public static class SessionUserAgent
{
    public const int MaxLength = 512;

    public static string? Normalize(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }
        var trimmed = userAgent.Trim();
        return trimmed.Length <= MaxLength ? trimmed : trimmed[..MaxLength].TrimEnd();
    }
}
