using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.BuildingBlocks.Tenancy;

/// <summary>The organization (one MSP) a request acts for; every query filters by it.</summary>
public interface IOrganizationContext
{
    Guid OrgId { get; }
}

/// <summary>
/// Reads the organization from the validated caller's <c>org</c> claim. Until edge authentication lands
/// (the security issue), an unauthenticated request acts for the single configured organization
/// <c>BillingOne:DefaultOrganizationId</c>; that fallback is the one place to remove then.
/// </summary>
internal sealed class OrganizationContext(IHttpContextAccessor accessor, Guid defaultOrgId) : IOrganizationContext
{
    public const string OrgClaim = "org";

    public Guid OrgId
    {
        get
        {
            var claim = accessor.HttpContext?.User.FindFirstValue(OrgClaim);
            return Guid.TryParse(claim, out var orgId) ? orgId : defaultOrgId;
        }
    }
}

public static class OrganizationContextExtensions
{
    /// <summary>The demo organization every local run and test starts with.</summary>
    public static readonly Guid DemoOrganizationId = Guid.Parse("0b111111-0000-4000-8000-000000000001");

    public static IServiceCollection AddOrganizationContext(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration["BillingOne:DefaultOrganizationId"];
        var defaultOrgId = Guid.TryParse(configured, out var parsed) ? parsed : DemoOrganizationId;
        services.AddScoped<IOrganizationContext>(provider =>
            new OrganizationContext(provider.GetRequiredService<IHttpContextAccessor>(), defaultOrgId));
        return services;
    }
}
