using System.Globalization;
using System.Security.Claims;
using BillingOne.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BillingOne.Web.Authentication;

/// <summary>
/// The signed-in user as the auth cookie carries it: who they are, their role, and the gateway's session token.
/// The cookie is encrypted with ASP.NET Core data protection, so the token never reaches the browser readable.
/// </summary>
public static class SessionClaims
{
    /// <summary>The gateway's session token, sent back to it as the bearer token of every call.</summary>
    public const string SessionToken = "billingone:session_token";

    public const string OrganizationId = "billingone:org";

    /// <summary>
    /// Present while the organization requires two-factor of a user who has not set it up: every page sends them to
    /// Settings → Security (the gateway refuses the session everything else anyway).
    /// </summary>
    public const string TwoFactorEnrollment = "billingone:two_factor_enrollment";

    public static ClaimsPrincipal CreatePrincipal(SignInResponse session)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, session.User.Id.ToString()),
                new Claim(ClaimTypes.Name, session.User.Name),
                new Claim(ClaimTypes.Email, session.User.Email),
                new Claim(ClaimTypes.Role, session.User.Role),
                new Claim(OrganizationId, session.User.OrgId.ToString()),
                new Claim(SessionToken, session.SessionToken),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        if (session.TwoFactorEnrollmentRequired)
        {
            identity.AddClaim(new Claim(TwoFactorEnrollment, "true"));
        }
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The same principal without <see cref="TwoFactorEnrollment"/>: two-factor is on now.</summary>
    public static ClaimsPrincipal WithoutTwoFactorEnrollment(ClaimsPrincipal principal) => new(new ClaimsIdentity(
        principal.Claims.Where(claim => claim.Type != TwoFactorEnrollment),
        CookieAuthenticationDefaults.AuthenticationScheme));

    public static bool MustEnrollTwoFactor(ClaimsPrincipal principal) => principal.HasClaim(TwoFactorEnrollment, "true");
}

/// <summary>The signed-in user as the pages need them: to show, and to decide which actions to offer.</summary>
/// <param name="Id">Null when the principal carries no (valid) user id.</param>
public sealed record CurrentUser(Guid? Id, string Name, string? Role)
{
    public static CurrentUser From(ClaimsPrincipal principal) => new(
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null,
        principal.Identity?.Name ?? string.Empty,
        principal.FindFirstValue(ClaimTypes.Role));

    /// <summary>Users, API keys and organization settings (the services enforce it again).</summary>
    public bool CanAdminister => UserRoles.CanAdminister(Role);

    /// <summary>Billing data: clients, metering assets, buckets and unit types (the services enforce it again).</summary>
    public bool CanChangeBilling => UserRoles.CanChangeBilling(Role);

    /// <summary>Only an owner grants or takes away the owner role.</summary>
    public bool IsOwner => Role == UserRoles.Owner;

    /// <summary>Whether this user may change <paramref name="member"/>'s role or access: never their own (no
    /// locking oneself out), and an owner's only when they are an owner too.</summary>
    public bool CanManage(TeamUser member) =>
        CanAdminister && member.Id != Id && (member.Role != UserRoles.Owner || IsOwner);
}
