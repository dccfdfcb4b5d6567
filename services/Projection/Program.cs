using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Projection.Apis;
using BillingOne.Projection.Extensions;
using BillingOne.Projection.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapGrpcDefaults();
// Reads only; client-scoped keys see their own client (gRPC calls are POSTs, which the scope guard refuses otherwise).
app.MapGrpcService<PartnerClientsService>().RequireAuthorization(Policies.Read).WithinClientScope();
app.MapGrpcService<PartnerEventsService>().RequireAuthorization(Policies.Read).WithinClientScope();
app.MapClientsApi();
app.MapDashboardApi();
app.MapRebuildApi();
app.MapAuditLogApi();
app.MapUsageProjectionsApi();
app.MapOverUnderApi();
app.MapUsageDashboardApi();
app.MapReportsApi();

await app.RunServiceAsync();
