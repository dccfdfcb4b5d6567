using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a query value of the wrong type, a missing
/// body, an unsupported content type, a body over the limit) into problem+json with the exception's own status
/// code and message, instead of the exception handler's default 500. The messages name the parameter and never
/// the server's internals.
/// </summary>
internal sealed class BadHttpRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception,
        CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = FieldOf(badRequest.InnerException as JsonException) is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [badRequest.InnerException is RejectedValueException rejected
                    ? $"{field} {rejected.Reason}."
                    : $"{field} has a value of the wrong type or form."],
            })
            : new ProblemDetails();
        problem.Status = badRequest.StatusCode;
        problem.Title = "The request could not be read.";
        problem.Detail = badRequest.Message;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    /// <summary>
    /// The body member a JSON error is about, as the request spells it (<c>$.name</c> → <c>name</c>,
    /// <c>$.items[0].id</c> → <c>items[0].id</c>); null when it is about the body as a whole.
    /// </summary>
    internal static string? FieldOf(JsonException? exception) => exception?.Path switch
    {
        null or "$" => null,
        var path when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        var path => path.TrimStart('$'),
    };
}
