using Microsoft.AspNetCore.Authorization;

namespace BillingOne.BuildingBlocks.Security;

/// <summary>
/// What each role may do. Endpoints name one of these; an endpoint that names none still needs a valid token
/// (the fallback policy), so nothing is reachable anonymously by accident.
/// </summary>
public static class Policies
{
    /// <summary>Reading business data.</summary>
    public const string Read = "read";
    /// <summary>Changing billing data: clients, subscriptions, invoices, buckets, billing runs.</summary>
    public const string Billing = "billing";
    /// <summary>Users, API keys, organization settings, suppression rules.</summary>
    public const string Admin = "admin";
    /// <summary>Sending usage readings.</summary>
    public const string Ingest = "ingest";
    /// <summary>The gateway's calls to <c>/internal</c> endpoints.</summary>
    public const string Internal = "internal";

    public static AuthorizationBuilder AddBillingOnePolicies(this AuthorizationBuilder authorization) => authorization
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(Read, policy => policy.RequireRole(Roles.Owner, Roles.Admin, Roles.Finance, Roles.ReadOnly))
        .AddPolicy(Billing, policy => policy.RequireRole(Roles.Owner, Roles.Admin, Roles.Finance))
        .AddPolicy(Admin, policy => policy.RequireRole(Roles.Owner, Roles.Admin))
        .AddPolicy(Ingest, policy => policy.RequireRole(Roles.Owner, Roles.Admin, Roles.Ingest))
        .AddPolicy(Internal, policy => policy.RequireRole(Roles.Service));
}
