using System.Text;
using BillingOne.Gateway.Errors;

namespace BillingOne.Gateway.RequestLimits;

/// <summary>
/// Refuses a proxied request whose header values hold a character outside ASCII with a 400 problem naming the header
/// (INVALID_ARGUMENT for gRPC). Kestrel accepts such values as UTF-8, but the forwarder sends only ASCII headers, so
/// the request could never reach the service and would otherwise fail as a 502 (UNAVAILABLE, which gRPC clients retry).
/// Bytes that are not UTF-8 never get this far: Kestrel refuses them itself.
/// </summary>
public sealed class AsciiHeaderValuesMiddleware(RequestDelegate next, GatewayErrorWriter errors)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Headers)
        {
            if (values.Any(value => !Ascii.IsValid(value)))
            {
                return errors.WriteInvalidHeaderAsync(context, name,
                    $"The {name} header must contain only ASCII characters; the gateway cannot forward it.");
            }
        }

        return next(context);
    }
}
