using System.Globalization;
using BillingOne.Web.Api;

namespace BillingOne.Web.Authentication;

/// <param name="Message">The headline.</param>
/// <param name="Detail">What the server added, if anything.</param>
/// <param name="RetryHint">When to try again, from the Retry-After of a lockout or rate limit.</param>
public sealed record SignInError(string Message, string? Detail, string? RetryHint);

/// <summary>What the sign-in page says for each answer of <c>POST /auth/sign-in</c> other than success.</summary>
public static class SignInErrors
{
    public const string WrongCredentials = "The email or password is incorrect.";
    public const string RateLimited = "Too many sign-in attempts.";
    public const string Invalid = "Enter your email address and password.";
    public const string Unavailable = "Signing in is not possible right now.";
    public const string WrongCode = "The code is not right.";
    public const string WrongCodeDetail = "Enter the code your authenticator app shows now; each code works once.";
    public const string SignInEnded = "Your sign-in has expired: enter your email and password again.";
    public const string SeveralOrganizations = "You belong to more than one organization: choose one and enter your password again.";

    public static SignInError Describe(ApiProblem problem) => problem.Status switch
    {
        // Deliberately the same words whatever the server says: whether the email exists must not show.
        401 => new SignInError(WrongCredentials, null, null),
        429 => new SignInError(RateLimited, problem.Detail, RetryHint(problem.RetryAfter)),
        // Only after a right password: the person belongs to several organizations and the page offers the choice.
        409 => new SignInError(SeveralOrganizations, null, null),
        400 => new SignInError(Invalid, JoinErrors(problem) ?? problem.Detail, null),
        _ => new SignInError(Unavailable, problem.Detail is null ? problem.Title : $"{problem.Title} {problem.Detail}", null),
    };

    /// <summary>What the page says when the two-factor code step is refused.</summary>
    public static SignInError DescribeCodeStep(ApiProblem problem) => problem switch
    {
        { Status: 401 } when problem.ErrorsFor("challengeId").Count > 0 || problem.ErrorsFor("challenge").Count > 0 =>
            new SignInError(SignInEnded, null, null),
        { Status: 401 or 400 } when problem.ErrorsFor("code").Count > 0 =>
            new SignInError(WrongCode, problem.Status == 400 ? JoinErrors(problem) : WrongCodeDetail, null),
        _ => Describe(problem),
    };

    /// <summary>"Try again in 15 minutes." — rounded up, so trying at the stated time works.</summary>
    public static string? RetryHint(TimeSpan? retryAfter)
    {
        if (retryAfter is not { } wait || wait <= TimeSpan.Zero)
        {
            return null;
        }

        var (amount, unit) = wait.TotalSeconds < 60 ? ((int)Math.Ceiling(wait.TotalSeconds), "second")
            : wait.TotalMinutes < 60 ? ((int)Math.Ceiling(wait.TotalMinutes), "minute")
            : ((int)Math.Ceiling(wait.TotalHours), "hour");
        return string.Create(CultureInfo.InvariantCulture, $"Try again in {amount} {unit}{(amount == 1 ? "" : "s")}.");
    }

    private static string? JoinErrors(ApiProblem problem)
    {
        var messages = problem.Errors.SelectMany(error => error.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
