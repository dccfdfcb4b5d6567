namespace BillingOne.Web.Formatting;

/// <summary>
/// A User-Agent as a person reads it: "Chrome on Windows", "Safari on iOS". Only the common browsers and systems
/// are named; the order of the checks matters, because most browsers claim to be the others too (Edge says
/// Chrome and Safari, Chrome says Safari, every one says Mozilla). Anything else reads as
/// <see cref="UnknownBrowser"/> or <see cref="UnknownSystem"/>; the full string stays available for a tooltip.
/// </summary>
public static class UserAgentText
{
    public const string UnknownBrowser = "Unknown browser";
    public const string UnknownSystem = "unknown system";

    /// <summary>"Browser on OS"; <see cref="UnknownBrowser"/> alone when neither is known (or there is no string).</summary>
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return UnknownBrowser;
        }
        var browser = Browser(userAgent);
        var system = System(userAgent);
        return (browser, system) switch
        {
            (null, null) => UnknownBrowser,
            (null, { } os) => $"{UnknownBrowser} on {os}",
            ({ } name, null) => name,
            ({ } name, { } os) => $"{name} on {os}",
        };
    }

    private static string? Browser(string ua)
    {
        if (Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/") || Has(ua, "Edge/"))
        {
            return "Edge";
        }
        if (Has(ua, "OPR/") || Has(ua, "Opera"))
        {
            return "Opera";
        }
        if (Has(ua, "SamsungBrowser/"))
        {
            return "Samsung Internet";
        }
        if (Has(ua, "Firefox/") || Has(ua, "FxiOS/"))
        {
            return "Firefox";
        }
        if (Has(ua, "Chrome/") || Has(ua, "CriOS/") || Has(ua, "Chromium/"))
        {
            return "Chrome";
        }
        if (Has(ua, "Safari/") && (Has(ua, "Version/") || Has(ua, "Mobile/")))
        {
            return "Safari";
        }
        return null;
    }

    private static string? System(string ua)
    {
        // iPadOS 13+ says "Macintosh": indistinguishable from a Mac here, and reads as macOS.
        if (Has(ua, "iPhone") || Has(ua, "iPad") || Has(ua, "iPod"))
        {
            return "iOS";
        }
        if (Has(ua, "Android"))
        {
            return "Android";
        }
        if (Has(ua, "Windows"))
        {
            return "Windows";
        }
        if (Has(ua, "CrOS"))
        {
            return "ChromeOS";
        }
        if (Has(ua, "Macintosh") || Has(ua, "Mac OS X"))
        {
            return "macOS";
        }
        if (Has(ua, "Linux") || Has(ua, "X11"))
        {
            return "Linux";
        }
        return null;
    }

    private static bool Has(string ua, string token) => ua.Contains(token, StringComparison.Ordinal);
}
