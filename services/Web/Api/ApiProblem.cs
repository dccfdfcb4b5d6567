using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace BillingOne.Web.Api;

/// <summary>
/// What went wrong with a gateway call, as the UI shows it: the problem+json title and detail, and the
/// per-field messages of a validation problem.
/// </summary>
public sealed record ApiProblem(
    string Title,
    string? Detail,
    int? Status,
    IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>How long the server asked the caller to wait (its Retry-After header), e.g. for 429.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The organizations a sign-in may choose from (a 409 answer to a right password for several).</summary>
    public IReadOnlyList<OrganizationChoice> Organizations { get; init; } = [];

    /// <summary>The run already going (a 409 answer to starting a sync while one is active).</summary>
    public Guid? RunId { get; init; }

    public static ApiProblem Unreachable(string detail) =>
        new("The BillingOne gateway could not be reached.", detail, null, NoErrors);

    /// <summary>Messages for one field; the server's keys are matched case-insensitively ("Name" or "name").</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Errors.Where(error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(error => error.Value)
            .ToList();

    /// <summary>Messages not tied to <paramref name="shownFields"/>, so nothing the server said is dropped.</summary>
    public IReadOnlyList<string> ErrorsExcept(params string[] shownFields) =>
        Errors.Where(error => !shownFields.Contains(error.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(error => error.Value)
            .ToList();

    /// <summary>Reads the problem+json body of a failed response; any other body falls back to the status code.</summary>
    public static async Task<ApiProblem> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        // ReasonPhrase falls back to the standard phrase of the status code when the server sent none.
        var fallbackTitle = $"The server answered {status} {response.ReasonPhrase}".TrimEnd() + ".";
        var retryAfter = ReadRetryAfter(response);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return new ApiProblem(fallbackTitle, null, status, NoErrors) { RetryAfter = retryAfter };
        }

        HttpValidationProblemDetails? details;
        try
        {
            details = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(
                JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            details = null;
        }

        if (details is null)
        {
            return new ApiProblem(fallbackTitle, null, status, NoErrors) { RetryAfter = retryAfter };
        }

        return new ApiProblem(
            string.IsNullOrWhiteSpace(details.Title) ? fallbackTitle : details.Title,
            details.Detail,
            details.Status ?? status,
            details.Errors.ToDictionary(error => error.Key, error => error.Value))
        {
            RetryAfter = retryAfter,
            Organizations = ReadOrganizations(details),
            RunId = ReadRunId(details),
        };
    }

    private static List<OrganizationChoice> ReadOrganizations(HttpValidationProblemDetails details)
    {
        if (!details.Extensions.TryGetValue("organizations", out var value) || value is not JsonElement { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }
        try
        {
            return array.Deserialize<List<OrganizationChoice>>(JsonSerializerOptions.Web) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static Guid? ReadRunId(HttpValidationProblemDetails details) =>
        details.Extensions.TryGetValue("runId", out var value)
        && value is JsonElement { ValueKind: JsonValueKind.String } text
        && Guid.TryParse(text.GetString(), out var runId)
            ? runId
            : null;

    /// <summary>Retry-After as seconds, or as a date measured from the response's own Date (clock skew cancels out).</summary>
    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? DateTimeOffset.UtcNow);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}

/// <summary>A gateway call failed; <see cref="Problem"/> says why in words fit for the page.</summary>
public sealed class ApiProblemException(ApiProblem problem, Exception? innerException = null)
    : Exception(problem.Title, innerException)
{
    public ApiProblem Problem { get; } = problem;
}
