using System.Text.Json;
using System.Text.RegularExpressions;
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
internal sealed partial class BadHttpRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
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
            : QueryErrorOf(badRequest.Message, httpContext.Request.Query) is { } queryError
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [queryError.Key] = [queryError.Value] })
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
    /// The query parameter a binding failure is about, keyed as the request spells it, and what it must be: the
    /// framework's message ("Failed to bind parameter "Nullable&lt;int&gt; Page" from "abc".") names the handler's
    /// parameter, which is the query's name in another case. Null when the message is about anything else.
    /// </summary>
    internal static KeyValuePair<string, string>? QueryErrorOf(string message, IQueryCollection query)
    {
        var failure = BindingFailure().Match(message);
        if (!failure.Success)
        {
            return null;
        }
        var name = failure.Groups["name"].Value;
        var key = query.Keys.FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return null;
        }
        var expected = failure.Groups["type"].Value switch
        {
            "int" or "Nullable<int>" or "long" or "Nullable<long>" => "must be a whole number",
            "decimal" or "Nullable<decimal>" or "double" or "Nullable<double>" => "must be a number",
            "bool" or "Nullable<bool>" => "must be 'true' or 'false'",
            "Guid" or "Nullable<Guid>" => "must be an id (uuid)",
            _ => "has a value of the wrong type or form",
        };
        var given = query[key];
        return new(key, given.Count > 1
            ? $"{key} is given {given.Count} times: give it once."
            : $"{key} {expected}; '{given}' is not.");
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"")]
    private static partial Regex BindingFailure();

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
