using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Invoice.Apis;
using BillingOne.Invoice.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapInvoicesApi();
app.MapAccountMappingsApi();
app.MapXeroConnectionApi();
app.MapDraftInvoicesApi();
app.MapIntegrationsApi("/api/invoice");

await app.RunServiceAsync();
