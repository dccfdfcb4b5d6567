using Microsoft.AspNetCore.Http;

namespace BillingOne.BuildingBlocks.Grpc;

/// <summary>
/// gRPC for .NET answers a request it cannot read before any method code runs with a server-side status: a message
/// shorter than its length prefix, a cut-off prefix or a compressed flag without <c>grpc-encoding</c> are INTERNAL, and
/// a message it cannot parse for a unary or server-streaming method is UNKNOWN. Each is the caller's mistake, so this
/// rewrites such an answer to INVALID_ARGUMENT saying what to fix. It only sees answers that are still headers
/// (trailers-only), which these always are: they come before any message of the response.
/// </summary>
/// <remarks>
/// UNKNOWN is only ever the library's own answer: every method runs behind <see cref="SafeStatusInterceptor"/>, which
/// turns what a method throws into a status of its own.
/// </remarks>
public sealed class MalformedRequestStatusMiddleware(RequestDelegate next)
{
    private const string StatusHeader = "grpc-status";
    private const string MessageHeader = "grpc-message";
    private const string InvalidArgument = "3";

    private static readonly Dictionary<(string Status, string Message), string> Explanations = new()
    {
        [("13", "Incomplete message.")] = "The request ended inside a message: its 5-byte prefix or its body is " +
            "shorter than the prefix declares. Send each message whole, prefixed by its exact length.",
        [("13", "Additional data after the message received.")] = "The request carries bytes after its message; " +
            "this method takes exactly one.",
        [("13", "Request did not include grpc-encoding value with compressed message.")] = "A message is flagged " +
            "as compressed but the request has no grpc-encoding header. Send grpc-encoding: gzip, or clear the flag.",
        [("13", "Request sent 'identity' grpc-encoding value with compressed message.")] = "A message is flagged " +
            "as compressed but grpc-encoding says identity. Send grpc-encoding: gzip, or clear the flag.",
    };

    public const string UnreadableMessage = "The request message is not a valid message of this method's type " +
        "(malformed protobuf, text that is not UTF-8, or a bad message prefix); nothing was processed.";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Response.OnStarting(ExplainRefusal, context.Response);
        }
        return next(context);
    }

    private static Task ExplainRefusal(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        if (headers.TryGetValue(StatusHeader, out var status) && Explain(status.ToString(),
                Uri.UnescapeDataString(headers[MessageHeader].ToString())) is { } explanation)
        {
            headers[StatusHeader] = InvalidArgument;
            headers[MessageHeader] = explanation;
        }
        return Task.CompletedTask;
    }

    /// <summary>What a caller should be told instead of the library's status, or null when it stands.</summary>
    internal static string? Explain(string status, string message) =>
        Explanations.TryGetValue((status, message), out var explanation) ? explanation
        : status == "2" && message.StartsWith("Exception was thrown by handler.", StringComparison.Ordinal)
            ? UnreadableMessage
            : null;
}
