using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Subscription.Apis;
using BillingOne.Subscription.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapClientsApi();
app.MapSubscriptionsApi();
app.MapMappingsApi();
app.MapCatalogApi();
app.MapLicensesApi();
app.MapAdjustmentsApi();
app.MapIntegrationsApi("/api/subscription");

app.Run();
