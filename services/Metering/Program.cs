using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Apis;
using BillingOne.Metering.Extensions;
using BillingOne.Metering.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseBillingOneService();
app.MapGrpcDefaults();
// Reads only; client-scoped keys see their own client (gRPC calls are POSTs, which the scope guard refuses otherwise).
app.MapGrpcService<PartnerBillingService>().RequireAuthorization(Policies.Read).WithinClientScope();
app.MapUnitTypesApi();
app.MapBucketsApi();
app.MapProvisioningApi();
app.MapAssetsApi();
app.MapAssignmentRulesApi();
app.MapBillingApi();
app.MapObservationsApi();
app.MapUsageAnomalyApi();
app.MapIngestExceptionApi();
app.MapReadingRetentionApi();

await app.RunServiceAsync();
