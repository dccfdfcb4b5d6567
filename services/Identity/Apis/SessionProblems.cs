using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>The problem+json answer for a session that is gone, shared by every API that acts for a session.</summary>
internal static class SessionProblems
{
    /// <summary>The detail for the caller's own session: the gateway let the request through, and it has ended.</summary>
    public const string EndedDetail = "The session has ended: sign in again.";

    /// <summary>The detail for a session looked up by id, which may never have existed.</summary>
    public const string UnknownOrEndedDetail = "The session does not exist or has ended: sign in again.";

    /// <summary>404 "Session not found.", telling the user to sign in again.</summary>
    public static ProblemHttpResult SessionNotFound(string detail = EndedDetail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Session not found.",
        detail: detail);
}
