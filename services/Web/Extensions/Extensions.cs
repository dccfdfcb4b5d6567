using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using BillingOne.Web.Billing;
using BillingOne.Web.BrandingStyles;
using BillingOne.Web.ClientList;
using BillingOne.Web.ClientMappings;
using BillingOne.Web.Components;
using BillingOne.Web.Components.Metering;
using BillingOne.Web.Components.ReportViews;
using BillingOne.Web.InvoiceList;
using BillingOne.Web.MissedBillingList;
using BillingOne.Web.OverUnderList;
using BillingOne.Web.ProjectionList;
using BillingOne.Web.ReconciliationList;
using BillingOne.Web.DomainsHostingList;
using BillingOne.Web.Security;
using BillingOne.Web.SubscriptionList;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace BillingOne.Web.Extensions;

public static class Extensions
{
    /// <summary>Logical name of the gateway; service discovery resolves it from <c>services__gateway__http__0</c>.</summary>
    public const string GatewayBaseAddress = "http://gateway";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        // The AppHost runs the build output, not a publish: Blazor's framework files (blazor.web.js) are then found
        // through the static web assets manifest, which ASP.NET Core reads only in Development unless asked.
        // A published app has no manifest and serves them from wwwroot, so this changes nothing there.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddWebAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Browsers reach the UI through the gateway, which names their address in X-Forwarded-For and their scheme
        // in X-Forwarded-Proto (so the cookie is Secure after HTTPS). Only loopback, and the networks listed in
        // Web:TrustedProxyNetworks (CIDR, e.g. the gateway's pod network), are believed; anyone else's headers are
        // ignored, so a browser cannot claim HTTPS or another address.
        var trustedNetworks = builder.Configuration.GetSection("Web:TrustedProxyNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in trustedNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // The resilience pipeline's timeouts bound every call (a vendor write's longer than a read's), not HttpClient's.
        builder.Services.AddHttpClient<GatewayClient>(http =>
        {
            http.BaseAddress = new Uri(GatewayBaseAddress);
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options =>
        {
            // The defaults' resilience handler would retry a POST that timed out after the server committed it,
            // creating the client twice; reads stay retried.
            options.Retry.DisableForUnsafeHttpMethods();
            var attempt = options.AttemptTimeout.Timeout;
            var total = options.TotalRequestTimeout.Timeout;
            options.AttemptTimeout.TimeoutGenerator = arguments => ValueTask.FromResult(VendorWriteTimeout.Of(arguments.Context, attempt));
            options.TotalRequestTimeout.TimeoutGenerator = arguments => ValueTask.FromResult(VendorWriteTimeout.Of(arguments.Context, total));
        });
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseContentSecurityPolicy();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWebAuthentication();
        app.UseAntiforgery();

        // The stylesheet and scripts are the same for everyone, and the sign-in page needs them before sign-in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccentStylesheet();
        app.MapTwoFactorEnrolled();
        app.MapClientExport();
        app.MapBillingReadingsExport();
        app.MapSubscriptionExport();
        app.MapInvoiceExport();
        app.MapDomainsHostingExport();
        app.MapMappingExport();
        app.MapReconciliationExport();
        app.MapLicenceAdjustmentExport();
        app.MapMissedBillingExport();
        app.MapProjectionExport();
        app.MapUsageAnomalyExport();
        app.MapIngestExceptionExport();
        app.MapOverUnderExports();
        app.MapReportExport();
        app.MapSignOut();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
