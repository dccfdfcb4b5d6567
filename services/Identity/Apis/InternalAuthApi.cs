using BillingOne.BuildingBlocks.Http;
using System.Globalization;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// What the gateway asks before it lets a caller in: is this API key valid, are this email and password right,
/// is this signed-in user still allowed. Only the gateway's own service token reaches these endpoints, and the
/// gateway does not route <c>/internal</c> from outside. They act across organizations on purpose: the key or the
/// email is what tells which organization the caller belongs to.
/// </summary>
public static class InternalAuthApi
{
    private const string BasePath = "/internal/auth";

    public static IEndpointRouteBuilder MapInternalAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup(BasePath).WithTags("Internal: authentication").RequireAuthorization(Policies.Internal);

        auth.MapPost("/api-keys/verify", VerifyApiKey)
            .WithName("VerifyApiKey")
            .WithSummary("Verify an API key (gateway only)")
            .WithDescription("200 with the key's organization, role and client scope when the key exists, is enabled " +
                "and is not revoked; 401 otherwise, without saying which.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesJsonBodyProblems();

        auth.MapPost("/sign-in", SignIn)
            .WithName("SignIn")
            .WithSummary("Check an email and password (gateway only)")
            .WithDescription($"200 with the user; 401 for any wrong email, password or disabled user, without saying " +
                $"which; after {SignInLockout.MaxConsecutiveFailures} wrong passwords in a row the account answers 423 " +
                $"with Retry-After for {SignInLockout.Duration.TotalMinutes} minutes.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesJsonBodyProblems();

        auth.MapGet("/sessions/{userId:guid}", GetSession)
            .WithName("GetSession")
            .WithSummary("Re-check a signed-in user (gateway only)")
            .WithDescription("The user's current role, organization and whether they are enabled; 404 when there is no such user.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<ApiKeyVerification>, ProblemHttpResult>> VerifyApiKey(
        VerifyApiKeyRequest request, ApiKeyStore store, ApiKeyUsageRecorder usage, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.TryParse(request.Key, out var secret))
        {
            return InvalidKey();
        }
        var key = await store.FindByHashAsync(secret.Hash, cancellationToken);
        if (key is not { Authenticates: true })
        {
            return InvalidKey();
        }
        usage.Record(key.OrgId, key.Id, timeProvider.GetUtcNow());
        return TypedResults.Ok(ApiKeyVerification.From(key));
    }

    public static async Task<Results<Ok<SignedInUser>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, SignInStore store, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["Email is required."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Password is required."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The sign-in is not valid.");
        }

        var result = await store.SignInAsync(request.Email!, request.Password!, cancellationToken);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                return TypedResults.Ok(SignedInUser.From(result.User!));
            case SignInOutcome.LockedOut:
                var seconds = SignInLockout.RetryAfterSeconds(result.RetryAfter!.Value);
                httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status423Locked,
                    title: "Account locked.",
                    detail: $"Too many wrong passwords in a row: try again in {Math.Ceiling(seconds / 60.0)} minute(s).",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in failed.",
                    detail: "The email or password is not right.");
        }
    }

    public static async Task<Results<Ok<SessionUser>, ProblemHttpResult>> GetSession(
        Guid userId, SignInStore store, CancellationToken cancellationToken)
    {
        var user = await store.FindSessionUserAsync(userId, cancellationToken);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found.",
                detail: $"There is no user '{userId}'.")
            : TypedResults.Ok(SessionUser.From(user));
    }

    private static ProblemHttpResult InvalidKey() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "API key not accepted.",
        detail: "The API key is unknown, disabled or revoked.");
}
