using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Authentication;

/// <summary>Where sign-in lives and where it may send the user back to.</summary>
public static class SignInUrls
{
    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/auth/sign-out";
    public const string ReturnUrlParameter = "returnUrl";
    public const string ReasonParameter = "reason";

    /// <summary>Where a user whose organization requires two-factor sets it up after signing in.</summary>
    public const string TwoFactorEnrollmentPath = "/settings/security";

    /// <summary>Where Settings → Security sends a user who has just set up the two-factor their organization requires.</summary>
    public const string TwoFactorEnrolledPath = "/auth/two-factor-enrolled";

    /// <summary>The gateway refused the session: the sign-in page says so instead of looking unprompted.</summary>
    public const string ExpiredReason = "expired";

    /// <summary>
    /// The return URL if it is a path of this app, otherwise the dashboard. Only "/..." qualifies: "//host" and
    /// "/\host" are read by browsers as another host, and absolute URLs could send a freshly signed-in user to a
    /// look-alike site.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/')
        {
            return "/";
        }

        if (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')
        {
            return "/";
        }

        // Control characters (a tab or newline inside "//") would be dropped by the browser, reviving the above.
        return returnUrl.Any(char.IsControl) ? "/" : returnUrl;
    }

    /// <summary>The sign-in page, returning to <paramref name="returnUrl"/> (a path of this app) afterwards.</summary>
    public static string For(string returnUrl, string? reason = null)
    {
        var parameters = new Dictionary<string, string?> { [ReturnUrlParameter] = SafeReturnUrl(returnUrl) };
        if (reason is not null)
        {
            parameters[ReasonParameter] = reason;
        }

        return QueryHelpers.AddQueryString(SignInPath, parameters);
    }
}
