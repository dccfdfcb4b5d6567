using BillingOne.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.BuildingBlocks.Tenancy;

/// <summary>The organization (one MSP) a request acts for; every query filters by it.</summary>
public interface IOrganizationContext
{
    Guid OrgId { get; }
}

/// <summary>Who makes the request, from the validated internal token.</summary>
public interface IActorContext : IOrganizationContext
{
    /// <summary>One of <see cref="ActorTypes"/>.</summary>
    string ActorType { get; }

    /// <summary>The user id or API key id.</summary>
    Guid ActorId { get; }

    /// <summary>The API key id when an API key acts, for the audit log.</summary>
    Guid? ApiKeyId { get; }

    string Role { get; }

    string Name { get; }

    /// <summary>Set for client-scoped keys: only this client's data is visible.</summary>
    Guid? ClientScope { get; }
}

/// <summary>
/// Reads the caller from the internal token the service validated. There is no fallback: a request without
/// a validated token never reaches an endpoint (the fallback authorization policy), so asking here without one
/// is a programming error, not a client error.
/// </summary>
internal sealed class RequestActorContext(IHttpContextAccessor accessor) : IActorContext
{
    private InternalTokenClaims? claims;

    private InternalTokenClaims Claims => claims ??=
        (accessor.HttpContext is { } context ? InternalTokens.FromPrincipal(context.User) : null)
        ?? throw new InvalidOperationException("The request carries no validated internal token.");

    public Guid OrgId => Claims.OrgId;

    public string ActorType => Claims.ActorType;

    public Guid ActorId => Claims.ActorId;

    public Guid? ApiKeyId => Claims.ActorType == ActorTypes.ApiKey ? Claims.ActorId : null;

    public string Role => Claims.Role;

    public string Name => Claims.Name;

    public Guid? ClientScope => Claims.ClientScope;
}

public static class OrganizationContextExtensions
{
    /// <summary>The demo organization every local run starts with (seeded by the identity service).</summary>
    public static readonly Guid DemoOrganizationId = Guid.Parse("0b111111-0000-4000-8000-000000000001");

    public static IServiceCollection AddOrganizationContext(this IServiceCollection services)
    {
        services.AddScoped<RequestActorContext>();
        services.AddScoped<IActorContext>(provider => provider.GetRequiredService<RequestActorContext>());
        services.AddScoped<IOrganizationContext>(provider => provider.GetRequiredService<RequestActorContext>());
        return services;
    }
}
