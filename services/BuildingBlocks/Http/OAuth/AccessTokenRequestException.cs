using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BillingOne.BuildingBlocks.Http.OAuth;

/// <summary>
/// The token endpoint refused the credentials or answered something that is not a token. An
/// <see cref="HttpRequestException"/> carrying the endpoint's status, so callers handle it like any failed call.
/// </summary>
public sealed partial class AccessTokenRequestException(Uri tokenUrl, HttpStatusCode statusCode, string reason)
    : HttpRequestException($"Token request to {tokenUrl} failed ({(int)statusCode}): {reason}", null, statusCode)
{
    /// <summary>
    /// What a refusal says, without echoing the remote body (which a person or a log would read as ours): the OAuth
    /// error code of RFC 6749 §5.2 (<c>invalid_client</c>, <c>invalid_grant</c>, …) when the body carries one.
    /// </summary>
    public static string ReasonOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                && error.GetString() is { } code && ErrorCode().IsMatch(code))
            {
                return code;
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing of it is repeated.
        }
        return body.Length == 0 ? "no body" : "no OAuth error code in the answer";
    }

    [GeneratedRegex("^[a-z_]{1,40}$")]
    private static partial Regex ErrorCode();
}
