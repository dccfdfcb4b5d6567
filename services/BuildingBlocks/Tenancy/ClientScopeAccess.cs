using BillingOne.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.BuildingBlocks.Tenancy;

/// <summary>
/// Marks a changing endpoint that confines a client-scoped caller to its own client (its store filters by the scope,
/// or it checks the client it is given). Every other changing endpoint changes organization-wide state and refuses
/// client-scoped callers: the safe default for endpoints added later.
/// </summary>
public sealed class WithinClientScopeMetadata
{
    public static readonly WithinClientScopeMetadata Instance = new();

    private WithinClientScopeMetadata()
    {
    }
}

/// <summary>Marks an endpoint whose reads too are organization-wide: client-scoped callers get 403.</summary>
public sealed class OrganizationWideMetadata
{
    public static readonly OrganizationWideMetadata Instance = new();

    private OrganizationWideMetadata()
    {
    }
}

public static class ClientScopeAccess
{
    /// <summary>OpenAPI extension naming how an operation treats client-scoped callers.</summary>
    public const string Extension = "x-billingone-client-scope";

    /// <summary>
    /// Client-scoped callers may use the operation: it reads (what belongs to clients limited to their own) or changes
    /// only what belongs to their client.
    /// </summary>
    public const string Allowed = "allowed";

    /// <summary>The operation changes organization-wide state: client-scoped callers get 403.</summary>
    public const string Refused = "refused";

    /// <summary>Lets client-scoped callers use this changing endpoint; the endpoint must keep them to their client.</summary>
    public static TBuilder WithinClientScope<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(WithinClientScopeMetadata.Instance);

    /// <summary>
    /// Refuses client-scoped callers even reads: the endpoints show organization-wide configuration (integration
    /// settings, sync runs) that belongs to no client.
    /// </summary>
    public static TBuilder OrganizationWideOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(OrganizationWideMetadata.Instance);

    /// <summary>How <paramref name="method"/> on an endpoint with <paramref name="metadata"/> treats client-scoped callers.</summary>
    public static string For(string method, IEnumerable<object> metadata)
    {
        var all = metadata.ToList();
        return !all.OfType<OrganizationWideMetadata>().Any()
            && (!Changes(method) || all.OfType<WithinClientScopeMetadata>().Any()) ? Allowed : Refused;
    }

    internal static bool Changes(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
}

/// <summary>Answers 403 when a client-scoped caller tries a change that is not confined to its client.</summary>
internal sealed class ClientScopeWriteGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is { } endpoint
            && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
            && ClientScopeAccess.For(context.Request.Method, endpoint.Metadata) == ClientScopeAccess.Refused
            && InternalTokens.FromPrincipal(context.User)?.ClientScope is not null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "A client-scoped caller cannot use organization-wide settings.",
                    // Both kinds of scoped caller: a key scoped to a client, and a user who scoped their session.
                    Detail = "This caller may only act on the client it is scoped to: clear the session's client " +
                        "scope, or use a key of the whole organization.",
                },
            });
            return;
        }
        await next(context);
    }
}
