using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every error answer says what to fix: a problem written without a <c>detail</c> (a bare status code turned into a
/// problem by the status-code pages, a validation problem, a refusal by authorization) gets one for its status, and a
/// validation problem's names the fields at fault.
/// </summary>
public static class ProblemDetailDefaults
{
    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            return;
        }
        var request = context.HttpContext.Request;
        problem.Detail = problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation
            ? string.Create(CultureInfo.InvariantCulture,
                $"Correct {string.Join(", ", validation.Errors.Keys.Order(StringComparer.Ordinal))}: see errors for what each needs.")
            : DetailFor(problem.Status ?? context.HttpContext.Response.StatusCode, request.Method, request.Path);
    }

    public static string DetailFor(int status, string method, string path) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: check its parameters and its JSON body.",
        StatusCodes.Status401Unauthorized => "Sign in, or send a valid API key as 'Authorization: Bearer <key>'.",
        StatusCodes.Status403Forbidden =>
            "Your role or client scope does not allow this; ask an administrator of your organization.",
        StatusCodes.Status404NotFound =>
            $"Nothing exists at {path} in your organization and client scope; check the address and the id.",
        StatusCodes.Status405MethodNotAllowed =>
            $"{method} is not allowed on {path}; the API's OpenAPI document lists the methods each path takes.",
        StatusCodes.Status406NotAcceptable => "Accept application/json (or */*): it is the only format answered here.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state; reload it and try again.",
        StatusCodes.Status411LengthRequired => "Send a Content-Length header with the body.",
        StatusCodes.Status412PreconditionFailed => "What you changed was changed by someone else first; reload and retry.",
        StatusCodes.Status413PayloadTooLarge => "The body is larger than this endpoint accepts; send less per request.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json (Content-Type header).",
        StatusCodes.Status422UnprocessableEntity => "The request is well formed but cannot be carried out as it is.",
        StatusCodes.Status428PreconditionRequired => "Send the If-Match header with the version you last read.",
        StatusCodes.Status429TooManyRequests => "Too many requests: wait as long as Retry-After says, then try again.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request's headers are too large; send fewer or shorter ones.",
        >= 400 and < 500 => "The request cannot be answered as it is; check the address, method, headers and body.",
        _ => "The server could not answer; it has been logged. Try again later.",
    };
}
