using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Apis;
using BillingOne.Subscription.Extensions;
using BillingOne.Subscription.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapGrpcDefaults();
// Reads only; client-scoped keys see their own client (gRPC calls are POSTs, which the scope guard refuses otherwise).
app.MapGrpcService<PartnerSubscriptionsService>().RequireAuthorization(Policies.Read).WithinClientScope();
app.MapClientsApi();
app.MapSubscriptionsApi();
app.MapMappingsApi();
app.MapCatalogApi();
app.MapLicensesApi();
app.MapAdjustmentsApi();
app.MapIntegrationsApi("/api/subscription");

await app.RunServiceAsync();
