using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Http.Idempotency;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// The signed-in user's two-factor sign-in (Settings → Security): an authenticator app's codes (TOTP, RFC 6238).
/// Enrolling hands out a new secret once, as an <c>otpauth://</c> URI and as base32; two-factor is on only after a
/// first code proves the app has it. Turning it off takes a current code or the password. These endpoints are what a
/// session may still reach while its organization requires two-factor and the user has none (the gateway refuses
/// the rest). None takes an Idempotency-Key: a kept answer would keep the secret, the code or the password.
/// </summary>
public static class MyTwoFactorApi
{
    public const string Issuer = "BillingOne";
    private const string CodeField = "code";
    private const string PasswordField = "password";

    /// <summary>Maps <c>/two-factor</c> under the signed-in user's group (<see cref="MeApi"/>).</summary>
    public static RouteGroupBuilder MapMyTwoFactorApi(this RouteGroupBuilder me)
    {
        me.MapGet("/two-factor", GetMyTwoFactor)
            .WithName("GetMyTwoFactor")
            .WithSummary("The signed-in user's two-factor state")
            .WithDescription("Whether it is on (and since when), whether an enrollment waits for its first code, " +
                "and whether the organization requires it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapPost("/two-factor/enrollment", EnrollMyTwoFactor)
            .WithName("EnrollMyTwoFactor")
            .WithSummary("Start setting up two-factor: a new authenticator secret")
            .WithDescription("A new secret, as `otpAuthUri` (for a QR code) and `secret` (base32, to type in); shown " +
                "this once. Replaces an unconfirmed one. Two-factor is off until `/two-factor/confirm` gets a code. 409 " +
                "when two-factor is on already: turn it off first.")
            .WithPasswordInBody()
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapPost("/two-factor/confirm", ConfirmMyTwoFactor)
            .WithName("ConfirmMyTwoFactor")
            .WithSummary("Turn two-factor on with the first code of the new secret")
            .WithDescription("`code`: the 6 digits the authenticator app shows (spaces ignored). 400 naming `code` " +
                "when malformed or not right; 409 when there is no enrollment to confirm or two-factor is on already.")
            .WithPasswordInBody()
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        me.MapPost("/two-factor/disable", DisableMyTwoFactor)
            .WithName("DisableMyTwoFactor")
            .WithSummary("Turn two-factor off")
            .WithDescription("Proven by either `code` (a current code not used before) or `password` (counted like a " +
                "sign-in: 429 with Retry-After after repeated failures). 400 naming the field when neither or both are " +
                "given or the one given is not right; 409 when two-factor is not on.")
            .WithPasswordInBody()
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesJsonBodyProblems();

        return me;
    }

    public static async Task<Ok<TwoFactorStatusResponse>> GetMyTwoFactor(HttpContext httpContext, TwoFactorStore store,
        CancellationToken cancellationToken)
    {
        var caller = MeApi.Caller(httpContext);
        return TypedResults.Ok(TwoFactorStatusResponse.From(
            await store.StatusAsync(caller.OrgId, caller.ActorId, cancellationToken)));
    }

    public static async Task<Results<Ok<TwoFactorEnrollmentResponse>, ProblemHttpResult>> EnrollMyTwoFactor(
        HttpContext httpContext, TwoFactorStore store, UserStore users, CancellationToken cancellationToken)
    {
        var caller = MeApi.Caller(httpContext);
        if (await users.FindAsync(caller.OrgId, caller.ActorId, cancellationToken) is not { } user)
        {
            return DirectoryProblems.NotFound("User", caller.ActorId);
        }
        if (await store.BeginEnrollmentAsync(caller.OrgId, caller.ActorId, cancellationToken) is not { } secret)
        {
            return AlreadyOn();
        }
        // A credential: no cache may keep it.
        httpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TwoFactorEnrollmentResponse(Base32.Encode(secret),
            Totp.KeyUri(Issuer, user.Email, secret)));
    }

    public static async Task<Results<Ok<TwoFactorStatusResponse>, ValidationProblem, ProblemHttpResult>> ConfirmMyTwoFactor(
        TwoFactorCodeRequest request, HttpContext httpContext, TwoFactorStore store, CancellationToken cancellationToken)
    {
        if (Totp.Normalize(request.Code, out var codeError) is not { } code)
        {
            return CodeProblem(codeError!);
        }
        var caller = MeApi.Caller(httpContext);
        return await store.ConfirmAsync(caller.OrgId, caller.ActorId, code, cancellationToken) switch
        {
            TwoFactorConfirmation.Enabled => TypedResults.Ok(TwoFactorStatusResponse.From(
                await store.StatusAsync(caller.OrgId, caller.ActorId, cancellationToken))),
            TwoFactorConfirmation.WrongCode => CodeProblem(
                "The code is not right: enter the code your authenticator app shows now for BillingOne."),
            TwoFactorConfirmation.AlreadyEnabled => AlreadyOn(),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Nothing to confirm.",
                detail: "Start setting up two-factor first: the enrollment gives the secret the code comes from."),
        };
    }

    public static async Task<Results<Ok<TwoFactorStatusResponse>, ValidationProblem, ProblemHttpResult>> DisableMyTwoFactor(
        DisableTwoFactorRequest request, HttpContext httpContext, TwoFactorStore store, SignInStore signIns,
        CancellationToken cancellationToken)
    {
        var hasCode = !string.IsNullOrWhiteSpace(request.Code);
        var hasPassword = !string.IsNullOrEmpty(request.Password);
        if (hasCode == hasPassword)
        {
            var message = hasCode
                ? "Give either a code or the password, not both."
                : "Give a current code from your authenticator app or your password.";
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [CodeField] = [message], [PasswordField] = [message] },
                title: "Turning two-factor off needs a proof.");
        }
        var caller = MeApi.Caller(httpContext);
        var status = await store.StatusAsync(caller.OrgId, caller.ActorId, cancellationToken);
        if (!status.Enabled)
        {
            return NotOn();
        }

        if (hasCode)
        {
            if (Totp.Normalize(request.Code, out var codeError) is not { } code)
            {
                return CodeProblem(codeError!);
            }
            if (!await store.DisableWithCodeAsync(caller.OrgId, caller.ActorId, code, cancellationToken))
            {
                return CodeProblem("The code is not right or was used already: enter the code your app shows now.");
            }
        }
        else
        {
            if (caller.SessionId is not { } sessionId)
            {
                return SessionProblems.SessionNotFound();
            }
            switch (await signIns.DisableTwoFactorWithPasswordAsync(caller.OrgId, caller.ActorId, sessionId,
                        request.Password!, cancellationToken))
            {
                case PasswordChangeResult.Changed(0):
                    return NotOn();
                case PasswordChangeResult.Changed:
                    break;
                case PasswordChangeResult.WrongCurrentPassword:
                    return TypedResults.ValidationProblem(
                        new Dictionary<string, string[]> { [PasswordField] = ["The password is not right."] },
                        title: "Turning two-factor off needs a proof.");
                case PasswordChangeResult.Throttled(var retryAfter):
                    return InternalAuthApi.TooManyFailedSignIns(httpContext, retryAfter);
                default:
                    return SessionProblems.SessionNotFound();
            }
        }
        return TypedResults.Ok(TwoFactorStatusResponse.From(
            await store.StatusAsync(caller.OrgId, caller.ActorId, cancellationToken)));
    }

    private static ValidationProblem CodeProblem(string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [CodeField] = [message] }, title: "The two-factor code is not valid.");

    private static ProblemHttpResult AlreadyOn() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Two-factor is on already.",
        detail: "Turn it off first (with a code or your password) to set up another authenticator.");

    private static ProblemHttpResult NotOn() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Two-factor is not on.",
        detail: "There is no authenticator to turn off.");
}
