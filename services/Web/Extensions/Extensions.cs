using BillingOne.Web.Api;
using BillingOne.Web.ClientList;
using BillingOne.Web.Components;
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
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddHttpClient<GatewayClient>(http => http.BaseAddress = new Uri(GatewayBaseAddress));
        // The defaults' resilience handler would retry a POST that timed out after the server committed it,
        // creating the client twice; reads stay retried.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(
            options => options.Retry.DisableForUnsafeHttpMethods());
    }

    public static void MapWebUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapClientExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
