using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Apis;
using BillingOne.Reconciliation.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapIntegrationsApi(DevicesApi.BasePath);
app.MapDevicesApi();
app.MapDomainsHostingApi();
app.MapClientReconciliationApi();
app.MapMissedBillingApi();

await app.RunServiceAsync();
