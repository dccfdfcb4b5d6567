using System.Net;
using System.Net.Http.Headers;

namespace BillingOne.Gateway.Authentication;

/// <summary>What the identity service said to a sign-in.</summary>
public abstract record SignInResult
{
    public sealed record SignedIn(OpenedSession Session) : SignInResult;

    /// <summary>The password is right and the user has two-factor on: the code step comes next.</summary>
    public sealed record TwoFactorRequired(TwoFactorChallenge Challenge) : SignInResult;

    /// <summary>A refusal meant for the caller (wrong password, throttled, organization to choose...), passed through as the service wrote it.</summary>
    public sealed record Rejected(
        HttpStatusCode StatusCode,
        MediaTypeHeaderValue? ContentType,
        byte[] Body,
        RetryConditionHeaderValue? RetryAfter) : SignInResult
    {
        public static readonly IReadOnlySet<HttpStatusCode> PassedThrough = new HashSet<HttpStatusCode>
        {
            HttpStatusCode.BadRequest,
            HttpStatusCode.Unauthorized,
            HttpStatusCode.Forbidden,
            // The password fits users of several organizations: the body lists them to choose from.
            HttpStatusCode.Conflict,
            HttpStatusCode.Locked,
            HttpStatusCode.TooManyRequests,
        };
    }

    /// <summary>The identity service could not be asked or answered something unusable.</summary>
    public sealed record Unavailable : SignInResult;
}
