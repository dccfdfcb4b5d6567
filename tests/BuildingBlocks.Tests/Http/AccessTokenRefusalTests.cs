using BillingOne.BuildingBlocks.Http.OAuth;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Http;

/// <summary>
/// A refused token request names the OAuth error code and nothing else of the remote answer: an address a user typed
/// may point anywhere, and its answer must not come back through the connection check.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AccessTokenRefusalTests
{
    [Theory]
    [InlineData("""{"error":"invalid_client","error_description":"Client authentication failed"}""", "invalid_client")]
    [InlineData("""{"error":"invalid_grant"}""", "invalid_grant")]
    [InlineData("""{"error":"<script>alert(1)</script>"}""", "no OAuth error code in the answer")]
    [InlineData("""{"error":{"code":42}}""", "no OAuth error code in the answer")]
    [InlineData("""["invalid_client"]""", "no OAuth error code in the answer")]
    [InlineData("<html><body>Internal admin console: user list…</body></html>", "no OAuth error code in the answer")]
    [InlineData("", "no body")]
    public void The_reason_is_the_OAuth_error_code_or_says_there_is_none(string body, string reason) =>
        AccessTokenRequestException.ReasonOf(body).ShouldBe(reason);
}
