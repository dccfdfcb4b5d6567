namespace BillingOne.AppHost;

/// <summary>
/// The vendors' APIs (Pax8, Xero, SuperOps, NinjaOne, Datto RMM, Synergy Wholesale) in the sandbox as the connectors'
/// default address and credentials, until an organization enters its own under Settings → Integrations. Set by the
/// AppHost rather than in the services' appsettings.Development.json: the services' environment name differs between
/// the ways the AppHost is started, and production must never carry sandbox settings.
/// </summary>
public static class SandboxConnectors
{
    /// <summary>
    /// The API client every vendor of the sandbox accepts (services/Sandbox/appsettings.json). Not a secret: the
    /// sandbox holds only generated demo data.
    /// </summary>
    public const string ClientId = "billingone-sandbox";
    public const string ClientSecret = "sandbox-only-secret";

    /// <summary>Pax8's API and token endpoint in the sandbox (the connector's defaults are Pax8's own hosts).</summary>
    public static IResourceBuilder<ProjectResource> WithSandboxPax8(this IResourceBuilder<ProjectResource> subscription,
        IResourceBuilder<ProjectResource> sandbox) => subscription
        .WithReference(sandbox)
        .WithEnvironment("Connectors__Pax8__BaseAddress", "https+http://sandbox")
        .WithEnvironment("Connectors__Pax8__TokenUrl", "https+http://sandbox/oauth/token")
        .WithEnvironment("Connectors__Pax8__ClientId", ClientId)
        .WithEnvironment("Connectors__Pax8__ClientSecret", ClientSecret);

    /// <summary>
    /// Xero's identity server and API, and SuperOps, in the sandbox. The browser reaches Xero's consent page at the
    /// sandbox's own address: a service-discovery name means nothing to it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSandboxXeroAndSuperOps(
        this IResourceBuilder<ProjectResource> invoice, IResourceBuilder<ProjectResource> sandbox) => invoice
        .WithReference(sandbox)
        .WithEnvironment("Connectors__Xero__ClientId", ClientId)
        .WithEnvironment("Connectors__Xero__ClientSecret", ClientSecret)
        .WithEnvironment("Connectors__Xero__IdentityAddress", "http://sandbox/xero/identity/")
        .WithEnvironment("Connectors__Xero__ApiAddress", "http://sandbox/xero/")
        .WithEnvironment("Connectors__Xero__AuthorizeAddress",
            ReferenceExpression.Create($"{sandbox.GetEndpoint("http")}/xero/identity/connect/authorize"))
        // SuperOps' GraphQL endpoint in the sandbox, whose subdomain and token are its client id and secret.
        .WithEnvironment("Connectors__SuperOps__Endpoint", "http://sandbox/superops/msp")
        .WithEnvironment("Connectors__SuperOps__SubDomain", ClientId)
        .WithEnvironment("Connectors__SuperOps__ApiToken", ClientSecret)
        // SuperOps' invoices carry no currency; the sandbox's SuperOps account bills in the demo's AUD.
        .WithEnvironment("Connectors__SuperOps__Currency", "AUD");

    /// <summary>Xero sends the browser back through the gateway, the only address the browser knows.</summary>
    public static IResourceBuilder<ProjectResource> WithXeroRedirectThrough(this IResourceBuilder<ProjectResource> invoice,
        IResourceBuilder<ProjectResource> gateway) =>
        invoice.WithEnvironment("Connectors__Xero__RedirectUri",
            ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/api/invoice/xero/callback"));

    /// <summary>NinjaOne's and Datto RMM's APIs and Synergy Wholesale's SOAP endpoint in the sandbox.</summary>
    public static IResourceBuilder<ProjectResource> WithSandboxRmmAndDomains(
        this IResourceBuilder<ProjectResource> reconciliation, IResourceBuilder<ProjectResource> sandbox) => reconciliation
        .WithReference(sandbox)
        // The NinjaOne connector's default is NinjaOne's US instance.
        .WithEnvironment("Connectors__NinjaOne__BaseUrl", "http://sandbox")
        .WithEnvironment("Connectors__NinjaOne__ClientId", ClientId)
        .WithEnvironment("Connectors__NinjaOne__ClientSecret", ClientSecret)
        // An organization that picks Datto RMM reaches the sandbox's Datto API unless it enters another address.
        .WithEnvironment("Connectors__DattoRmm__BaseUrl", "http://sandbox")
        // Synergy Wholesale has no token: the sandbox's SOAP endpoint takes the same pair as reseller ID and API key.
        .WithEnvironment("Connectors__Synergy__Endpoint", "http://sandbox/synergy/soap")
        .WithEnvironment("Connectors__Synergy__ResellerId", ClientId)
        .WithEnvironment("Connectors__Synergy__ApiKey", ClientSecret);
}
