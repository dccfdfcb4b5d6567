using BillingOne.BuildingBlocks.Http;
using System.Globalization;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// What the gateway asks before it lets a caller in: is this API key valid, are this email and password right,
/// is this session still open, and who is it. Only the gateway's own service token reaches these endpoints, and the
/// gateway does not route <c>/internal</c> from outside. They act across organizations on purpose: the key or the
/// email is what tells which organization the caller belongs to.
/// </summary>
public static class InternalAuthApi
{
    private const string BasePath = "/internal/auth";

    // An IPv6 address with zone is well under this; anything longer is not an address.
    private const int MaxSourceLength = 100;

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
            .WithSummary("Check an email and password and open a session (gateway only)")
            .WithDescription("200 with the user and the new session; 401 for any wrong email, password or disabled " +
                $"user, without saying which; after {SignInThrottle.FreeFailuresPerSource} failures for one email from " +
                "one source that source gets 429 with Retry-After, the wait doubling with each further failure, while " +
                "other sources may still try; 409 listing the organizations when the password is right for users of " +
                "several and `organizationId` names none of them; 202 with a `challengeId` when the password is right " +
                "and the user has two-factor on: the sign-in continues at `/sign-in/two-factor` with a code.")
            .Produces<TwoFactorChallengeResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesJsonBodyProblems();

        auth.MapPost("/sign-in/two-factor", SignInWithCode)
            .WithName("SignInWithTwoFactorCode")
            .WithSummary("The sign-in's second step: the authenticator code (gateway only)")
            .WithDescription("200 with the user and the new session when `code` is a current code of the user's " +
                "authenticator not used before; 400 naming `challengeId` or `code` when missing or malformed; 401 " +
                "naming `code` when it is wrong or used (counted like a wrong password from `source`, so 429 with " +
                $"Retry-After follows repeated failures) and naming `challengeId` when the sign-in has ended (expired " +
                $"after {SignInStore.ChallengeLifetime.TotalMinutes:0} minutes or {SignInStore.MaxCodeFailures} wrong " +
                "codes): sign in with the password again.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesJsonBodyProblems();

        auth.MapGet("/sessions/{sessionId:guid}", GetSession)
            .WithName("GetSession")
            .WithSummary("Re-check a session (gateway only)")
            .WithDescription("The session's user with their current role, organization and whether they are enabled, " +
                "and the client the user scoped the session to (`clientScope`, null for the whole organization); " +
                "404 when the session does not exist or has ended (signed out, idle or past its lifetime).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        auth.MapDelete("/sessions/{sessionId:guid}", EndSession)
            .WithName("EndSession")
            .WithSummary("End a session: sign-out (gateway only)")
            .WithDescription("204 whether or not the session still existed.");

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

    public static async Task<Results<Ok<SignedInUser>, Accepted<TwoFactorChallengeResponse>, ValidationProblem, ProblemHttpResult>> SignIn(
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
        if (request.Source is { Length: > MaxSourceLength })
        {
            errors["source"] = [$"The source is at most {MaxSourceLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The sign-in is not valid.");
        }

        var source = string.IsNullOrWhiteSpace(request.Source) ? SignInThrottle.UnknownSource : request.Source.Trim();
        switch (await store.SignInAsync(request.Email!, request.Password!, source, request.OrganizationId,
                    request.UserAgent, cancellationToken))
        {
            case SignInResult.SignedIn(var user, var session, var enrollmentRequired):
                return TypedResults.Ok(SignedInUser.From(user, session, enrollmentRequired));
            case SignInResult.TwoFactorRequired(var challengeId, var expiresAt):
                return TypedResults.Accepted((string?)null, new TwoFactorChallengeResponse(challengeId, expiresAt));
            case SignInResult.Throttled(var retryAfter):
                return TooManyFailedSignIns(httpContext, retryAfter);
            case SignInResult.ChooseOrganization(var organizations):
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Choose an organization.",
                    detail: "This email and password belong to users of several organizations: sign in again naming one.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["organizations"] = organizations.Select(OrganizationChoiceResponse.From).ToList(),
                    });
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in failed.",
                    detail: "The email or password is not right.");
        }
    }

    public static async Task<Results<Ok<SignedInUser>, ValidationProblem, ProblemHttpResult>> SignInWithCode(
        TwoFactorSignInRequest request, SignInStore store, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ChallengeId is null || request.ChallengeId == Guid.Empty)
        {
            errors["challengeId"] = ["The challengeId of the password step is required."];
        }
        var code = Totp.Normalize(request.Code, out var codeError);
        if (codeError is not null)
        {
            errors["code"] = [codeError];
        }
        if (request.Source is { Length: > MaxSourceLength })
        {
            errors["source"] = [$"The source is at most {MaxSourceLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The two-factor code is not valid.");
        }

        var source = string.IsNullOrWhiteSpace(request.Source) ? SignInThrottle.UnknownSource : request.Source.Trim();
        return await store.CompleteTwoFactorAsync(request.ChallengeId!.Value, code!, source, request.UserAgent,
                cancellationToken) switch
        {
            SignInResult.SignedIn(var user, var session, _) => TypedResults.Ok(SignedInUser.From(user, session, false)),
            SignInResult.Throttled(var retryAfter) => TooManyFailedSignIns(httpContext, retryAfter),
            SignInResult.ChallengeEnded => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign in again.",
                detail: "This sign-in has expired or had too many wrong codes: enter your email and password again.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { ["challengeId"] = ["The sign-in has ended."] },
                }),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The code is not right.",
                detail: "The code is wrong, expired or was used already: enter the code your authenticator app shows now.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { ["code"] = ["The code is not right."] },
                }),
        };
    }

    public static async Task<Results<Ok<SessionUser>, ProblemHttpResult>> GetSession(
        Guid sessionId, SessionStore store, CancellationToken cancellationToken)
    {
        var session = await store.CheckAsync(sessionId, cancellationToken);
        return session is null
            ? SessionProblems.SessionNotFound(SessionProblems.UnknownOrEndedDetail)
            : TypedResults.Ok(SessionUser.From(session));
    }

    public static async Task<NoContent> EndSession(Guid sessionId, SessionStore store, CancellationToken cancellationToken)
    {
        await store.EndAsync(sessionId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>429 with Retry-After, for a sign-in or a password check refused by <see cref="SignInThrottle"/>.</summary>
    internal static ProblemHttpResult TooManyFailedSignIns(HttpContext httpContext, TimeSpan retryAfter)
    {
        var seconds = SignInThrottle.RetryAfterSeconds(retryAfter);
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed sign-ins.",
            detail: $"Too many failed sign-ins on this account from this address, or from many: try again in {seconds} second(s).",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    private static ProblemHttpResult InvalidKey() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "API key not accepted.",
        detail: "The API key is unknown, disabled or revoked.");
}
