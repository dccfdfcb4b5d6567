using BillingOne.Identity.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>The problem+json answers the directory APIs share.</summary>
internal static class DirectoryProblems
{
    public static ProblemHttpResult NotFound(string what, Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"{what} not found.",
        detail: $"There is no {what.ToLowerInvariant()} '{id}' in this organization.");

    public static ProblemHttpResult OrganizationNotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Organization not found.",
        detail: "The organization this request acts for has no directory entry.");

    /// <summary>A refused write, for the statuses every store can answer with.</summary>
    public static ProblemHttpResult For(DirectoryWriteStatus status, string what, Guid id) => status switch
    {
        DirectoryWriteStatus.NotFound => NotFound(what, id),
        DirectoryWriteStatus.OrganizationNotFound => OrganizationNotFound(),
        DirectoryWriteStatus.DuplicateEmail => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Email already in use.",
            detail: "A user of this organization already has this email (ignoring case)."),
        DirectoryWriteStatus.OwnerRoleRequired => TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Only an owner can do this.",
            detail: "Granting or removing the owner role, and enabling or disabling an owner, need an owner."),
        DirectoryWriteStatus.LastEnabledOwner => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The last owner must stay.",
            detail: "This is the organization's last enabled owner: make another user an owner first."),
        DirectoryWriteStatus.KeyRevoked => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "API key revoked.",
            detail: $"API key '{id}' is revoked: revocation is permanent, create a new key instead."),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a refusal."),
    };
}
