using BillingOne.Web.Api;
using BillingOne.Web.Authentication;

namespace BillingOne.Web.Tests.Authentication;

[Trait("Category", "Unit")]
public sealed class SignInRulesTests
{
    private static ApiProblem Problem(int status, string title = "Refused", string? detail = null, TimeSpan? retryAfter = null,
        Dictionary<string, string[]>? errors = null) =>
        new(title, detail, status, errors ?? []) { RetryAfter = retryAfter };

    [Theory]
    [InlineData("/clients?status=matched", "/clients?status=matched")]
    [InlineData("/", "/")]
    [InlineData("/settings/team", "/settings/team")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("clients", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void Only_paths_of_this_app_are_returned_to(string? returnUrl, string expected) =>
        SignInUrls.SafeReturnUrl(returnUrl).ShouldBe(expected);

    [Fact]
    public void The_sign_in_url_carries_the_page_to_return_to_and_why()
    {
        SignInUrls.For("/audit-log?table=clients").ShouldBe("/sign-in?returnUrl=%2Faudit-log%3Ftable%3Dclients");
        SignInUrls.For("/api-keys", SignInUrls.ExpiredReason).ShouldBe("/sign-in?returnUrl=%2Fapi-keys&reason=expired");
        SignInUrls.For("//evil.example").ShouldBe("/sign-in?returnUrl=%2F");
    }

    [Fact]
    public void Wrong_credentials_are_generic_whatever_the_server_says()
    {
        var error = SignInErrors.Describe(Problem(401, "No such user", "alice@example.com is not registered"));

        error.ShouldBe(new SignInError("The email or password is incorrect.", null, null));
    }

    [Fact]
    public void Throttled_failures_show_the_server_detail_and_when_to_try_again()
    {
        var error = SignInErrors.Describe(Problem(429, "Too many failed sign-ins.", "Too many failed sign-ins from this address.",
            TimeSpan.FromMinutes(15)));

        error.ShouldBe(new SignInError(
            "Too many sign-in attempts.", "Too many failed sign-ins from this address.", "Try again in 15 minutes."));
    }

    [Fact]
    public void A_rate_limit_says_when_to_try_again()
    {
        var error = SignInErrors.Describe(Problem(429, "Too many requests", retryAfter: TimeSpan.FromSeconds(1)));

        error.ShouldBe(new SignInError("Too many sign-in attempts.", null, "Try again in 1 second."));
    }

    [Fact]
    public void A_refused_body_lists_the_server_messages()
    {
        var error = SignInErrors.Describe(Problem(400, "Validation failed",
            errors: new() { ["email"] = ["Email is not valid."], ["password"] = ["Password is required."] }));

        error.Message.ShouldBe("Enter your email address and password.");
        error.Detail.ShouldBe("Email is not valid. Password is required.");
    }

    [Fact]
    public void Any_other_failure_says_signing_in_is_not_possible_and_why()
    {
        var error = SignInErrors.Describe(ApiProblem.Unreachable("Connection refused"));

        error.Message.ShouldBe("Signing in is not possible right now.");
        error.Detail.ShouldBe("The BillingOne gateway could not be reached. Connection refused");
    }

    [Theory]
    [InlineData(30, "Try again in 30 seconds.")]
    [InlineData(59.2, "Try again in 60 seconds.")]
    [InlineData(60, "Try again in 1 minute.")]
    [InlineData(61, "Try again in 2 minutes.")]
    [InlineData(900, "Try again in 15 minutes.")]
    [InlineData(3600, "Try again in 1 hour.")]
    [InlineData(5400, "Try again in 2 hours.")]
    public void Waits_are_rounded_up_to_a_readable_unit(double seconds, string hint) =>
        SignInErrors.RetryHint(TimeSpan.FromSeconds(seconds)).ShouldBe(hint);

    [Fact]
    public void No_wait_means_no_hint()
    {
        SignInErrors.RetryHint(null).ShouldBeNull();
        SignInErrors.RetryHint(TimeSpan.Zero).ShouldBeNull();
    }
}
