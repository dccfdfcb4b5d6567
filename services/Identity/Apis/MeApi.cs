using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Http.Idempotency;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.BuildingBlocks.Validation;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// The signed-in user's own account (Settings → Profile, Security, Sessions), for every role and whatever client the
/// session is scoped to: it is the caller's account, not organization data. The user is the one the gateway's token
/// names, so no one reaches another user's profile or sessions here. An API key has no "me" and is refused.
/// The email is the sign-in identity and is not changed here: an admin changes it on the Team page.
/// </summary>
public static class MeApi
{
    private const string BasePath = "/api/identity/me";
    private const string CurrentPasswordField = "currentPassword";
    private const string NewPasswordField = "newPassword";

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup(BasePath).WithTags("Me").RequireAuthorization(Policies.Read)
            .AddEndpointFilter(async (context, next) =>
                IsSignedInUser(context.HttpContext) ? await next(context) : NotAUser());

        me.MapGet("/", GetMe)
            .WithName("GetMe")
            .WithSummary("The signed-in user's profile")
            .WithDescription("Name, email, role, the session's client scope, the organization's name, and when the " +
                "user was added and last signed in. 403 for an API key.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapPatch("/", UpdateMe)
            .WithName("UpdateMe")
            .WithSummary("Change the signed-in user's display name")
            .WithDescription($"Sets `name` (1–{User.MaxNameLength} characters, trimmed, no control characters). The " +
                "email is the sign-in identity: an admin changes it on the Team page.")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        me.MapPost("/password", ChangePassword)
            .WithName("ChangeMyPassword")
            .WithSummary("Change the signed-in user's password")
            .WithPasswordInBody()
            .WithDescription("Needs `currentPassword` (400 naming it when wrong; wrong ones count as failed sign-ins " +
                "and are throttled like them, 429 with Retry-After) and `newPassword` (at least " +
                $"{PasswordRules.MinLength} characters). Ends every other session of the user; this one stays.")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesJsonBodyProblems();

        me.MapGet("/sessions", ListMySessions)
            .WithName("ListMySessions")
            .WithSummary("The signed-in user's live sessions")
            .WithDescription("Most recently used first; `current` marks the one making the request.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapDelete("/sessions/{id:guid}", EndMySession)
            .WithName("EndMySession")
            .WithSummary("End one of the signed-in user's sessions")
            .WithDescription("Signs that browser out, as its own sign-out would (refused at the gateway within a " +
                "second). 404 for a session that is not the user's or has ended.")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapPost("/sessions/end-others", EndOtherSessions)
            .WithName("EndMyOtherSessions")
            .WithSummary("End all other sessions of the signed-in user")
            .WithDescription("Signs out every browser of the user but the one making the request.")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapGet("/failed-sign-ins", GetMyFailedSignIns)
            .WithName("GetMyFailedSignIns")
            .WithSummary("Failed sign-ins on the signed-in user's account, for the notice the app shows")
            .WithDescription("204 when there is nothing to tell: fewer failures in the last day than a user's own " +
                "typos make, or none since the user acknowledged them. Otherwise how many, the latest, and until " +
                "when the account is held back (every address but those the user signed in from in the last 30 days).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapPost("/failed-sign-ins/seen", MarkMyFailedSignInsSeen)
            .WithName("MarkMyFailedSignInsSeen")
            .WithSummary("Acknowledge the notice of failed sign-ins")
            .WithDescription("Failures up to now are no longer reported by GetMyFailedSignIns; later ones are.")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapMyNotificationsApi();
        me.MapMyTwoFactorApi();

        return app;
    }

    public static async Task<Results<Ok<FailedSignInsResponse>, NoContent>> GetMyFailedSignIns(HttpContext httpContext,
        SignInStore signIns, CancellationToken cancellationToken)
    {
        var caller = Caller(httpContext);
        return await signIns.FailedSignInsAsync(caller.OrgId, caller.ActorId, cancellationToken) is { } failed
            ? TypedResults.Ok(FailedSignInsResponse.From(failed))
            : TypedResults.NoContent();
    }

    public static async Task<NoContent> MarkMyFailedSignInsSeen(HttpContext httpContext, SignInStore signIns,
        CancellationToken cancellationToken)
    {
        var caller = Caller(httpContext);
        await signIns.MarkFailedSignInsSeenAsync(caller.OrgId, caller.ActorId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMe(HttpContext httpContext,
        UserStore users, OrganizationStore organizations, SessionClientScopeStore scopes,
        CancellationToken cancellationToken)
    {
        var caller = Caller(httpContext);
        var user = await users.FindAsync(caller.OrgId, caller.ActorId, cancellationToken);
        if (user is null)
        {
            return DirectoryProblems.NotFound("User", caller.ActorId);
        }
        return await ProfileAsync(caller, user, organizations, scopes, cancellationToken) is { } profile
            ? TypedResults.Ok(profile)
            : DirectoryProblems.OrganizationNotFound();
    }

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> UpdateMe(
        UpdateMeRequest request, HttpContext httpContext, UserStore users, OrganizationStore organizations,
        SessionClientScopeStore scopes, CancellationToken cancellationToken)
    {
        var name = DisplayName.Normalize(request.Name, User.MaxNameLength, out var nameError);
        if (nameError is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [nameError] },
                title: "The profile is not valid.");
        }
        var caller = Caller(httpContext);
        var result = await users.UpdateAsync(caller.OrgId, caller.ActorId, new UserChanges(Name: name),
            caller.Role == Roles.Owner, cancellationToken);
        if (result.Value is null)
        {
            return DirectoryProblems.For(result.Status, "User", caller.ActorId);
        }
        return await ProfileAsync(caller, result.Value, organizations, scopes, cancellationToken) is { } profile
            ? TypedResults.Ok(profile)
            : DirectoryProblems.OrganizationNotFound();
    }

    public static async Task<Results<Ok<EndedSessionsResponse>, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext httpContext, SignInStore signIns, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors[CurrentPasswordField] = ["Enter your current password."];
        }
        PasswordRules.Check(request.NewPassword, NewPasswordField, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The password change is not valid.");
        }
        var caller = Caller(httpContext);
        if (caller.SessionId is not { } sessionId)
        {
            return SessionProblems.SessionNotFound();
        }
        return await signIns.ChangePasswordAsync(caller.OrgId, caller.ActorId, sessionId, request.CurrentPassword!,
                request.NewPassword!, cancellationToken) switch
        {
            PasswordChangeResult.Changed(var ended) => TypedResults.Ok(new EndedSessionsResponse(ended)),
            PasswordChangeResult.WrongCurrentPassword => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [CurrentPasswordField] = ["The current password is not right."] },
                title: "The password change is not valid."),
            PasswordChangeResult.Throttled(var retryAfter) =>
                InternalAuthApi.TooManyFailedSignIns(httpContext, retryAfter),
            _ => SessionProblems.SessionNotFound(),
        };
    }

    public static async Task<Ok<List<MySessionResponse>>> ListMySessions(HttpContext httpContext,
        UserSessionStore sessions, CancellationToken cancellationToken)
    {
        var caller = Caller(httpContext);
        var live = await sessions.ListAsync(caller.OrgId, caller.ActorId, cancellationToken);
        return TypedResults.Ok(live.Select(session => MySessionResponse.From(session, caller.SessionId)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EndMySession(Guid id, HttpContext httpContext,
        UserSessionStore sessions, CancellationToken cancellationToken)
    {
        var caller = Caller(httpContext);
        return await sessions.EndAsync(caller.OrgId, caller.ActorId, id, cancellationToken)
            ? TypedResults.NoContent()
            : DirectoryProblems.NotFound("Session", id);
    }

    public static async Task<Results<Ok<EndedSessionsResponse>, ProblemHttpResult>> EndOtherSessions(
        HttpContext httpContext, UserSessionStore sessions, CancellationToken cancellationToken)
    {
        var caller = Caller(httpContext);
        if (caller.SessionId is not { } sessionId)
        {
            return SessionProblems.SessionNotFound();
        }
        var ended = await sessions.EndOthersAsync(caller.OrgId, caller.ActorId, sessionId, cancellationToken);
        return TypedResults.Ok(new EndedSessionsResponse(ended));
    }

    private static async Task<MeResponse?> ProfileAsync(InternalTokenClaims caller, User user,
        OrganizationStore organizations, SessionClientScopeStore scopes, CancellationToken cancellationToken)
    {
        if (await organizations.FindAsync(caller.OrgId, cancellationToken) is not { } organization)
        {
            return null;
        }
        var clientName = caller.ClientScope is { } client
            ? await scopes.ClientNameAsync(caller.OrgId, client, cancellationToken)
            : null;
        return MeResponse.From(user, organization.Name, new ClientScopeResponse(caller.ClientScope, clientName));
    }

    internal static InternalTokenClaims Caller(HttpContext httpContext) => InternalTokens.FromPrincipal(httpContext.User)!;

    private static bool IsSignedInUser(HttpContext httpContext) =>
        InternalTokens.FromPrincipal(httpContext.User)?.ActorType == ActorTypes.User;

    // 403, not 404: the caller is known, but only a person has an account of their own to look after.
    private static ProblemHttpResult NotAUser() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Only a signed-in user has a profile.",
        detail: "An API key has no profile, password or sessions of its own: sign in as a user instead.");
}
