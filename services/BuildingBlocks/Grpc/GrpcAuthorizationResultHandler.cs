using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Grpc;

/// <summary>
/// Refuses a gRPC call the way gRPC clients read a refusal: a trailers-only answer with <c>PERMISSION_DENIED</c> (a
/// role the method's policy leaves out) or <c>UNAUTHENTICATED</c>, and a reason. Left to the default handler, the
/// call got a plain HTTP 403 or 401 that clients report as "Received HTTP status code 403", without the reason.
/// Every other request is handled as before.
/// </summary>
public sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string ForbiddenDetail = "This key's role may not call this method.";
    public const string UnauthenticatedDetail = "The call carries no valid credentials.";

    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !context.Request.IsGrpc())
        {
            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }
        var (status, detail) = authorizeResult.Forbidden
            ? (StatusCode.PermissionDenied, ForbiddenDetail)
            : (StatusCode.Unauthenticated, UnauthenticatedDetail);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(detail);
        return Task.CompletedTask;
    }
}
