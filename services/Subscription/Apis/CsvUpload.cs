using BillingOne.BuildingBlocks.Csv;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Subscription.Apis;

/// <summary>A CSV file sent as a request's body (the mapping and catalog imports).</summary>
internal static class CsvUpload
{
    /// <summary>The body's bytes, or a 415 when it is not sent as text/csv.</summary>
    public static async Task<(byte[]? File, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType
            || !contentType.StartsWith(CsvFiles.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The import must be a CSV file.", detail: "Send the file as the body with Content-Type text/csv."));
        }
        // Read whole (the body limit bounds it) and parsed from memory: Kestrel allows no synchronous body reads.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        return (body.ToArray(), null);
    }
}
